package io.dataivr.api.http.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The agent console's own words exist in both languages, and every data-i18n key of the page has them. */
class AgentConsoleStringsTests {

    private static final Path PAGE = Path.of("src/main/resources/static/agent");
    private static final Pattern KEY = Pattern.compile("^ {4}([A-Za-z_]+):", Pattern.MULTILINE);

    @Test
    void everyStringIsInEnglishAndChinese() throws IOException {
        String source = Files.readString(PAGE.resolve("js/i18n.js"), StandardCharsets.UTF_8);
        int zh = source.indexOf("'zh-CN': {");
        assertThat(zh).isPositive();
        Set<String> en = keys(source.substring(source.indexOf("en: {"), zh));
        Set<String> chinese = keys(source.substring(zh));
        assertThat(en).hasSizeGreaterThan(50);
        assertThat(chinese).containsExactlyInAnyOrderElementsOf(en);
    }

    @Test
    void everyKeyThePageNamesIsDefined() throws IOException {
        String source = Files.readString(PAGE.resolve("js/i18n.js"), StandardCharsets.UTF_8);
        Set<String> en = keys(source.substring(source.indexOf("en: {"), source.indexOf("'zh-CN': {")));
        String html = Files.readString(PAGE.resolve("index.html"), StandardCharsets.UTF_8);
        Matcher named = Pattern.compile("data-i18n=\"(\\w+)\"").matcher(html);
        int count = 0;
        while (named.find()) {
            assertThat(en).as("index.html names %s", named.group(1)).contains(named.group(1));
            count++;
        }
        assertThat(count).isGreaterThan(15);
        for (String file : new String[] {"js/console.js", "js/view.js"}) {
            Matcher used = Pattern.compile("text\\(lang, '(\\w+)'").matcher(
                    Files.readString(PAGE.resolve(file), StandardCharsets.UTF_8));
            while (used.find()) {
                assertThat(en).as("%s uses %s", file, used.group(1)).contains(used.group(1));
            }
        }
    }

    @Test
    void thePageSetsNoMarkupFromData() throws IOException {
        for (String file : new String[] {"js/console.js", "js/view.js", "js/api.js", "js/socket.js"}) {
            String source = Files.readString(PAGE.resolve(file), StandardCharsets.UTF_8);
            assertThat(source).as(file).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write");
        }
    }

    private static Set<String> keys(String block) {
        Set<String> keys = new LinkedHashSet<>();
        Matcher m = KEY.matcher(block);
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }
}
