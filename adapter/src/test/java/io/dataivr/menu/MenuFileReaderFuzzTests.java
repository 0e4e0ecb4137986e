package io.dataivr.menu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;

/**
 * The menu importer with 100,000 generated files per run: random bytes, random YAML-ish text, and
 * menus of the documented shape built from parts (some valid, most subtly wrong, some with anchors and
 * aliases), byte-mutated. Each reads to a menu that exports to a file reading back to the same menu,
 * or is refused as MENU_FILE_INVALID with a path per error.
 */
class MenuFileReaderFuzzTests {

    private static final List<String> KEYS = List.of("1", "2", "0", "*", "#", "A9", "123456789", "", "键", "1 ");
    private static final List<String> TEXTS = List.of("Balance", "话费查询", "Plans 与 流量 ✓", "'quoted'",
            "\"dq\"", "{zh-CN: 电信, en: Telecom}", "{fr: Bonjour}", "[a, b]", "~", "!!binary aGVsbG8=",
            "*missing", "&a x", "\"\\u0000\"", "|\n      multi\n      line", "1e400", "'\ud83d\ude00 emoji'");
    private static final List<String> LANGUAGES = List.of("[zh-CN, en]", "[en]", "[]", "[zh-CN, zh-CN]", "x",
            "[\"not a tag!\"]", "[en, 5]");

    private final MenuFileReader reader = new MenuFileReader();
    private final MenuFileWriter writer = new MenuFileWriter();

    @Property(tries = 100_000, shrinking = ShrinkingMode.OFF)
    void everyFileReadsOrIsRefusedWithPathsOfItsErrors(@ForAll("files") byte[] file) {
        try {
            Menu menu = reader.read(file);
            assertThat(menu.id()).matches("[a-z0-9-]{1,64}");
            assertThat(menu.languages()).isNotEmpty();
            // What imports exports to a file that imports to the same menu (import(export(m)) = m).
            assertThat(reader.read(writer.write(menu).getBytes(StandardCharsets.UTF_8))).isEqualTo(menu);
        } catch (InvalidMenuFile e) {
            assertThat(e.code()).isEqualTo("MENU_FILE_INVALID");
            assertThat(e.errors()).isNotEmpty();
        }
    }

    @Provide
    Arbitrary<byte[]> files() {
        Arbitrary<byte[]> menus = menus().map(text -> text.getBytes(StandardCharsets.UTF_8));
        return Arbitraries.<byte[]>frequencyOf(
                Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(200)),
                Tuple.of(1, Arbitraries.strings().withChars("menu:items- {}[]&*!|>\n \"'#key").ofMaxLength(120)
                        .map(s -> s.getBytes(StandardCharsets.UTF_8))),
                Tuple.of(6, menus),
                Tuple.of(2, Combinators.combine(menus, Arbitraries.integers().between(0, 400),
                        Arbitraries.bytes()).as((bytes, at, value) -> {
                            byte[] copy = bytes.clone();
                            if (copy.length > 0) {
                                copy[at % copy.length] = value;
                            }
                            return copy;
                        })),
                Tuple.of(1, Arbitraries.integers().between(1, 12).map(MenuFileReaderFuzzTests::laughs)));
    }

    private Arbitrary<String> menus() {
        return Combinators.combine(Arbitraries.of("telecom", "m-1", "Bad Id", "", "a".repeat(65)),
                Arbitraries.of(LANGUAGES), Arbitraries.of(TEXTS), level(0, 3).list().ofMaxSize(4),
                Arbitraries.of("", "extra: 1\n", "menu: again\n"))
                .as((id, languages, title, items, extra) -> "menu: " + id + "\nlanguages: " + languages + "\ntitle: "
                        + title + "\n" + extra + "items:\n" + String.join("", items));
    }

    private Arbitrary<String> level(int depth, int maxDepth) {
        String indent = "  ".repeat(depth * 2 + 1);
        Arbitrary<String> body = depth >= maxDepth
                ? Arbitraries.of(TEXTS).map(t -> indent + "  content: " + t + "\n")
                : Arbitraries.oneOf(
                        Arbitraries.of(TEXTS).map(t -> indent + "  content: " + t + "\n"),
                        Arbitraries.of("support", "bad queue!", "").map(q -> indent + "  voice: " + q + "\n"),
                        Arbitraries.lazy(() -> level(depth + 1, maxDepth)).list().ofMaxSize(3)
                                .map(sub -> indent + "  items:\n" + String.join("", sub)),
                        Arbitraries.just(""),
                        Arbitraries.of(TEXTS).map(t -> indent + "  content: " + t + "\n" + indent + "  voice: support\n"));
        return Combinators.combine(Arbitraries.of(KEYS), Arbitraries.of(TEXTS), body)
                .as((key, label, rest) -> indent + "- key: \"" + key + "\"\n" + indent + "  label: " + label + "\n"
                        + rest);
    }

    /** A "billion laughs" file with {@code levels} levels of aliases. */
    private static byte[] laughs(int levels) {
        StringBuilder yaml = new StringBuilder("a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (int i = 1; i <= levels; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 9; j++) {
                yaml.append(j == 0 ? "" : ",").append("*a").append(i - 1);
            }
            yaml.append("]\n");
        }
        yaml.append("menu: m\nlanguages: [en]\ntitle: *a").append(levels).append("\nitems: []\n");
        return yaml.toString().getBytes(StandardCharsets.UTF_8);
    }
}
