package io.dataivr.session.consult;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;

class LanguageChoiceTests {

    private static final List<String> OFFERED = List.of("zh-CN", "en");

    @Example
    void theHighestWeightedRangeTheMenuHasWinsAndAPrimaryTagFindsARegionalOne() {
        assertThat(LanguageChoice.pick(null, "zh;q=0.9, en;q=0.1", OFFERED)).isEqualTo("zh-CN");
        assertThat(LanguageChoice.pick(null, "fr, en;q=0.5, zh;q=0.4", OFFERED)).isEqualTo("en");
        assertThat(LanguageChoice.pick(null, "en;q=0, zh-TW", OFFERED)).isEqualTo("zh-CN");
        assertThat(LanguageChoice.pick(null, "*", OFFERED)).isIn(OFFERED);
    }

    @Example
    void simplifiedChineseTagsOfAnyShapeFindZhCn() {
        for (String tag : List.of("zh-Hans-CN", "zh-Hans", "zh-hans-sg", "zh-SG", "zh-CN", "ZH-cn", "zh")) {
            assertThat(LanguageChoice.pick(tag, null, List.of("en", "zh-CN"))).as(tag).isEqualTo("zh-CN");
            assertThat(LanguageChoice.pick(null, tag + ", en;q=0.5", List.of("en", "zh-CN"))).as(tag)
                    .isEqualTo("zh-CN");
        }
        assertThat(LanguageChoice.pick("zh-CN", null, List.of("en", "zh-Hans"))).isEqualTo("zh-Hans");
    }

    @Example
    void traditionalChineseFindsATraditionalLanguageOrABareZhButNeverASimplifiedOne() {
        List<String> both = List.of("en", "zh-CN", "zh-TW", "zh-HK");
        assertThat(LanguageChoice.pick("zh-TW", null, both)).isEqualTo("zh-TW");
        assertThat(LanguageChoice.pick("zh-Hant-HK", null, both)).isEqualTo("zh-HK");
        assertThat(LanguageChoice.pick("zh-Hant", null, both)).isEqualTo("zh-TW");
        assertThat(LanguageChoice.pick("zh-MO", null, both)).isEqualTo("zh-TW");
        assertThat(LanguageChoice.pick("zh-HK", null, List.of("en", "zh-CN", "zh-TW"))).isEqualTo("zh-TW");
        assertThat(LanguageChoice.pick("zh-TW", null, List.of("en", "zh-CN", "zh"))).isEqualTo("zh");

        assertThat(LanguageChoice.pick("zh-TW", null, List.of("en", "zh-CN"))).isEqualTo("en");
        assertThat(LanguageChoice.pick(null, "zh-Hant-TW, fr;q=0.5", List.of("en", "zh-CN"))).isEqualTo("en");
        assertThat(LanguageChoice.pick(null, "zh-TW, zh-CN;q=0.5", List.of("en", "zh-CN"))).isEqualTo("zh-CN");
    }

    @Example
    void otherLanguagesFollowRfc4647LookupAndABareLanguageFindsARegionalOne() {
        List<String> offered = List.of("fr", "en-GB", "de-CH");
        assertThat(LanguageChoice.pick("en-GB-oxendict", null, offered)).isEqualTo("en-GB");
        assertThat(LanguageChoice.pick("fr-CA", null, offered)).isEqualTo("fr");
        assertThat(LanguageChoice.pick("en", null, offered)).isEqualTo("en-GB");
        assertThat(LanguageChoice.pick("de-CH-x-private", null, offered)).isEqualTo("de-CH");
        assertThat(LanguageChoice.pick("en-US", null, offered)).isEqualTo("fr"); // lookup: en-US, en; no en-GB
        assertThat(LanguageChoice.pick("es", "de-AT, en;q=0.5", offered)).isEqualTo("en-GB");
    }

    @Property(tries = 10_000)
    void anyHeaderGivesALanguageOfTheMenu(
            @ForAll @StringLength(max = 40) @Chars({'a', 'z', 'h', 'e', 'n', 'C', 'N', '-', ',', ';', 'q', '=', '0', '.',
                    '9', '*', ' ', '_', '\u00e9'}) String header) {
        assertThat(LanguageChoice.pick(null, header, OFFERED)).isIn(OFFERED);
    }
}
