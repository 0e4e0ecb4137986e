package io.dataivr.menu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Each rule of the menu file contract (DESIGN.md) gives its own error, with the path of the offending node. */
class MenuFileRulesTests {

    private static final String HEAD = "menu: m\nlanguages: [zh-CN, en]\ntitle: T\nitems:\n";
    private final MenuFileReader reader = new MenuFileReader();

    static Stream<Arguments> rules() {
        return Stream.of(
                rule("the id is 1-64 of [a-z0-9-]", "menu: " + "a".repeat(65) + "\nlanguages: [en]\ntitle: T\nitems:\n  - {key: '1', label: L, content: c}\n",
                        "menu: must be 1-64 of [a-z0-9-]"),
                rule("the id is present", "languages: [en]\ntitle: T\nitems:\n  - {key: '1', label: L, content: c}\n",
                        "menu: is missing"),
                rule("languages are a non-empty list", "menu: m\nlanguages: []\ntitle: T\nitems:\n  - {key: '1', label: L, content: c}\n",
                        "languages: must be a non-empty list of BCP 47 tags"),
                rule("languages are BCP 47 tags", "menu: m\nlanguages: [en, 'not a tag']\ntitle: T\nitems:\n  - {key: '1', label: L, content: c}\n",
                        "languages[1]: \"not a tag\" is not a BCP 47 language tag"),
                rule("a language is listed once", "menu: m\nlanguages: [en, en]\ntitle: T\nitems:\n  - {key: '1', label: L, content: c}\n",
                        "languages[1]: duplicate language \"en\""),
                rule("the title is present", "menu: m\nlanguages: [en]\nitems:\n  - {key: '1', label: L, content: c}\n",
                        "title: must be a text or a mapping of language to text"),
                rule("items are a non-empty list", "menu: m\nlanguages: [en]\ntitle: T\nitems: []\n",
                        "items: must be a non-empty list of items"),
                rule("an item is a mapping", HEAD + "  - just text\n",
                        "items[0]: an item must be a mapping with key, label and one of content, items, voice"),
                rule("an item has a key", HEAD + "  - {label: L, content: c}\n", "items[0].key: is missing"),
                rule("a key is 1-8 of [0-9A-Za-z*#]", HEAD + "  - {key: '1!', label: L, content: c}\n",
                        "items[0].key: must be 1-8 of [0-9A-Za-z*#], got \"1!\""),
                rule("a key is unique per level", HEAD + "  - {key: '1', label: L, content: c}\n  - {key: 1, label: M, content: d}\n",
                        "items[1].key: duplicate key \"1\""),
                rule("an item has a label", HEAD + "  - {key: '1', content: c}\n",
                        "items[0].label: must be a text or a mapping of language to text"),
                rule("an item has one of content, items, voice", HEAD + "  - {key: '1', label: L}\n",
                        "items[0]: must have exactly one of content, items, voice (has 0)"),
                rule("an item has only one of content, items, voice", HEAD + "  - {key: '1', label: L, content: c, voice: q}\n",
                        "items[0]: must have exactly one of content, items, voice (has 2)"),
                rule("a voice item names a queue", HEAD + "  - {key: '1', label: L, voice: 'no queue'}\n",
                        "items[0].voice: queue name must be 1-64 of [A-Za-z0-9_-], got \"no queue\""),
                rule("a text in a language the menu does not list is an error", HEAD + "  - {key: '1', label: {fr: L}, content: c}\n",
                        "items[0].label.fr: language \"fr\" is not in the menu's languages"),
                rule("translations need the default language to fall back to", HEAD + "  - {key: '1', label: {en: L}, content: c}\n",
                        "items[0].label: has no text in the default language \"zh-CN\""),
                rule("a text is not empty", HEAD + "  - {key: '1', label: '  ', content: c}\n",
                        "items[0].label.zh-CN: must not be empty"),
                rule("a text is a text", HEAD + "  - {key: '1', label: [a, b], content: c}\n",
                        "items[0].label: must be a text or a mapping of language to text"),
                rule("fields are the contract's", HEAD + "  - {key: '1', label: L, content: c, colour: red}\n",
                        "items[0].colour: unknown field (allowed: content, items, key, label, voice)"),
                rule("at most 50 items per level", HEAD + items(51),
                        "items: 51 items, more than the limit of 50"),
                rule("content at most 64 KiB per language", HEAD + "  - {key: '1', label: L, content: {zh-CN: " + "字".repeat(21846) + "}}\n",
                        "items[0].content.zh-CN: 65538 bytes, more than the limit of 65536"),
                rule("depth at most 10", deep(11), "items[0].items[0].items[0].items[0].items[0].items[0].items[0].items[0].items[0].items[0].items: menus may be at most 10 levels deep"),
                rule("one YAML document", HEAD + "  - {key: '1', label: L, content: c}\n---\nmenu: n\n",
                        "$: not valid YAML"),
                rule("no duplicate fields", "menu: m\nmenu: n\nlanguages: [en]\ntitle: T\nitems:\n  - {key: '1', label: L, content: c}\n",
                        "$: not valid YAML at line 2, column 1"),
                rule("the file is a mapping", "", "$: the file must be a mapping with menu, languages, title and items"));
    }

    private static Arguments rule(String rule, String yaml, String error) {
        return Arguments.of(rule, yaml, error);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void eachRuleGivesAnErrorWithItsPath(String rule, String yaml, String expected) {
        assertThatThrownBy(() -> reader.read(yaml.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(InvalidMenuFile.class, e -> assertThat(e.errors())
                        .extracting(MenuFileError::toString).anySatisfy(error -> assertThat(error).startsWith(expected)));
    }

    @Test
    void exactlyTenLevelsAreAllowed() {
        Menu menu = reader.read(deep(10).getBytes(StandardCharsets.UTF_8));
        assertThat(menu.find(Collections.nCopies(10, "1"))).isPresent();
    }

    @Test
    void plainScalarsAreTextsSoLeadingZerosAndYesNoSurvive() {
        Menu menu = reader.read((HEAD + """
                  - {key: 01, label: No, content: yes}
                  - {key: 1, label: {zh-CN: on, en: off}, content: 0x10}
                """).getBytes(StandardCharsets.UTF_8));

        assertThat(menu.items()).extracting(MenuItem::key).containsExactly("01", "1");
        assertThat(menu.items().get(0).label().byLanguage()).containsEntry("zh-CN", "No");
        assertThat(menu.items().get(0).content().byLanguage()).containsEntry("zh-CN", "yes");
        assertThat(menu.items().get(1).content().byLanguage()).containsEntry("zh-CN", "0x10");
        assertThat(new MenuFileReader().read(new MenuFileWriter().write(menu).getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(menu);
    }

    @Test
    void aFileThatIsNotUtf8IsRefused() {
        byte[] latin1 = (HEAD + "  - {key: '1', label: caf\u00e9, content: c}\n").getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> reader.read(latin1)).isInstanceOfSatisfying(InvalidMenuFile.class,
                e -> assertThat(e.errors()).containsExactly(new MenuFileError("$", "the file is not valid UTF-8")));
    }

    @Test
    void aByteOrderMarkIsAccepted() {
        byte[] withBom = ("\uFEFF" + HEAD + "  - {key: '1', label: L, content: c}\n").getBytes(StandardCharsets.UTF_8);
        assertThat(reader.read(withBom).id()).isEqualTo("m");
    }

    @Test
    void scalarAliasesCannotMultiplyTheTextsBeyondWhatAFileMayHold() {
        StringBuilder level = new StringBuilder("      - key: '0'\n        label: L\n        content: &big ")
                .append("x".repeat(60_000)).append('\n');
        for (int i = 1; i < 50; i++) {
            level.append("      - {key: '").append(i).append("', label: L, content: *big}\n");
        }
        String once = "menu: m\nlanguages: [en]\ntitle: T\nitems:\n  - key: A\n    label: A\n    items: &level\n" + level;
        String twice = once + "  - {key: B, label: B, items: *level}\n";

        // 50 × 60 kB = 3 MB of text is fine; the same level used twice makes 6 MB, more than a file may hold.
        assertThat(reader.read(once.getBytes(StandardCharsets.UTF_8)).items().get(0).items()).hasSize(50);
        assertThatThrownBy(() -> reader.read(twice.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(InvalidMenuFile.class, e -> assertThat(e.errors().toString())
                        .contains("the menu's texts add up to more than " + MenuFileReader.MAX_TOTAL_TEXT_BYTES));
    }

    @Test
    void collectionAliasesCannotMultiplyTheItemsBeyondTheLimit() {
        StringBuilder yaml = new StringBuilder("menu: m\nlanguages: [en]\ntitle: T\nitems:\n");
        yaml.append("  - key: A\n    label: A\n    items: &l2\n");
        for (int i = 0; i < 20; i++) {
            yaml.append("      - key: '").append(i).append("'\n        label: L\n        items: &l1").append(i == 0 ? "" : "x" + i)
                    .append('\n');
            if (i == 0) {
                for (int j = 0; j < 40; j++) {
                    yaml.append("          - {key: '").append(j).append("', label: L, content: c}\n");
                }
            } else {
                yaml.setLength(yaml.length() - (" &l1x" + i + "\n").length());
                yaml.append(" *l1\n");
            }
        }
        for (int k = 0; k < 19; k++) {
            yaml.append("  - {key: 'B").append(k).append("', label: B, items: *l2}\n");
        }
        assertThatThrownBy(() -> reader.read(yaml.toString().getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(InvalidMenuFile.class, e -> assertThat(e.errors().toString())
                        .contains("more than " + MenuFileReader.MAX_TOTAL_ITEMS + " items"));
    }

    private static String items(int count) {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < count; i++) {
            items.append("  - {key: '").append(i).append("', label: L, content: c}\n");
        }
        return items.toString();
    }

    private static String deep(int levels) {
        StringBuilder deep = new StringBuilder("menu: m\nlanguages: [en]\ntitle: T\nitems:\n");
        String indent = "";
        for (int level = 1; level < levels; level++) {
            deep.append(indent).append("  - key: \"1\"\n").append(indent).append("    label: L\n")
                    .append(indent).append("    items:\n");
            indent += "    ";
        }
        return deep.append(indent).append("  - {key: \"1\", label: L, content: c}\n").toString();
    }
}
