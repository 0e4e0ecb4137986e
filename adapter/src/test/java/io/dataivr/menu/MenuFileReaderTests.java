package io.dataivr.menu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataivr.fixtures.DemoMenu;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class MenuFileReaderTests {

    private final MenuFileReader reader = new MenuFileReader();

    @Test
    void theDemoMenuReadsWithItsTreeAndBothLanguages() throws IOException {
        Menu menu = reader.read(Files.readAllBytes(DemoMenu.file()));

        assertThat(menu.id()).isEqualTo("telecom");
        assertThat(menu.languages()).containsExactly("zh-CN", "en");
        assertThat(menu.title().in("en", "zh-CN")).isEqualTo("Telecom service");
        assertThat(menu.items()).extracting(MenuItem::key).containsExactly("1", "2", "3", "0");
        assertThat(menu.find(List.of("2", "1")).orElseThrow().content().in("zh-CN", "zh-CN")).startsWith("每月10GB");
        assertThat(menu.find(List.of("0")).orElseThrow().voiceQueue()).isEqualTo("support");
    }

    @Test
    void aPlainStringMeansTheDefaultLanguageAndAMissingTranslationFallsBackToIt() {
        Menu menu = reader.read(yaml("""
                menu: m
                languages: [zh-CN, en]
                title: 标题
                items:
                  - {key: "1", label: 流量包, content: 每月10GB}
                """));

        MenuItem item = menu.items().get(0);
        assertThat(item.label().in("en", menu.defaultLanguage())).isEqualTo("流量包");
        assertThat(item.content().byLanguage()).containsOnlyKeys("zh-CN");
    }

    @Test
    void everyErrorIsReportedWithItsPath() {
        assertThatThrownBy(() -> reader.read(yaml("""
                menu: Bad_Id
                languages: [en]
                title: T
                items:
                  - {key: "1", label: A, content: a}
                  - key: "2"
                    label: B
                    items:
                      - {key: "1", label: x, content: y}
                      - {key: "1", label: z, content: w}
                  - {key: "toolongkey", label: C, voice: support}
                  - {key: "4", label: {fr: D}, content: d}
                  - {key: "5", label: E, content: e, voice: q}
                """)))
                .isInstanceOfSatisfying(InvalidMenuFile.class, e -> assertThat(e.errors()).extracting(Object::toString)
                        .contains("menu: must be 1-64 of [a-z0-9-], got \"Bad_Id\"",
                                "items[1].items[1].key: duplicate key \"1\"",
                                "items[2].key: must be 1-8 of [0-9A-Za-z*#], got \"toolongkey\"",
                                "items[3].label.fr: language \"fr\" is not in the menu's languages",
                                "items[4]: must have exactly one of content, items, voice (has 2)"));
    }

    @Test
    void limitsOnDepthContentSizeAndAliasesAreEnforced() {
        StringBuilder deep = new StringBuilder("menu: m\nlanguages: [en]\ntitle: T\nitems:\n");
        String indent = "";
        for (int level = 0; level < MenuFileReader.MAX_DEPTH + 1; level++) {
            deep.append(indent).append("  - key: \"1\"\n").append(indent).append("    label: L\n")
                    .append(indent).append("    items:\n");
            indent += "    ";
        }
        deep.append(indent).append("  - {key: \"1\", label: L, content: c}\n");
        assertThatThrownBy(() -> reader.read(yaml(deep.toString())))
                .isInstanceOfSatisfying(InvalidMenuFile.class, e -> assertThat(e.errors().toString()).contains("levels deep"));

        String big = "x".repeat(MenuFileReader.MAX_CONTENT_BYTES + 1);
        assertThatThrownBy(() -> reader.read(yaml("menu: m\nlanguages: [en]\ntitle: T\nitems:\n  - {key: \"1\", label: L, content: " + big + "}\n")))
                .isInstanceOfSatisfying(InvalidMenuFile.class, e -> assertThat(e.errors().get(0).path()).isEqualTo("items[0].content.en"));

        StringBuilder laughs = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 12; i++) {
            laughs.append("a").append(i).append(": &a").append(i).append(" [");
            laughs.append(String.join(", ", java.util.Collections.nCopies(10, "*a" + (i - 1)))).append("]\n");
        }
        assertThatThrownBy(() -> reader.read(yaml(laughs.toString())))
                .isInstanceOfSatisfying(InvalidMenuFile.class, e -> assertThat(e.errors().get(0).path()).isEqualTo("$"));
    }

    @Test
    void anOversizedFileIsRefusedBeforeParsing() {
        byte[] huge = new byte[MenuFileReader.MAX_FILE_BYTES + 1];
        assertThatThrownBy(() -> reader.read(huge)).isInstanceOfSatisfying(InvalidMenuFile.class,
                e -> assertThat(e.errors().get(0).message()).contains("more than the limit"));
    }

    @Test
    void importingAnExportGivesTheSameMenu() throws IOException {
        Menu menu = reader.read(Files.readAllBytes(DemoMenu.file()));
        String exported = new MenuFileWriter().write(menu);

        assertThat(reader.read(yaml(exported))).isEqualTo(menu);
        assertThat(exported).contains("电信客服");
    }

    private static byte[] yaml(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
