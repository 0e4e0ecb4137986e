package io.dataivr.session;

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

    @Property(tries = 10_000)
    void anyHeaderGivesALanguageOfTheMenu(
            @ForAll @StringLength(max = 40) @Chars({'a', 'z', 'h', 'e', 'n', 'C', 'N', '-', ',', ';', 'q', '=', '0', '.',
                    '9', '*', ' ', '_', '\u00e9'}) String header) {
        assertThat(LanguageChoice.pick(null, header, OFFERED)).isIn(OFFERED);
    }
}
