package io.dataivr.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuotedTests {

    @Test
    void textIsQuotedWithMarkupControlsAndLoneSurrogatesEscaped() {
        assertThat(Quoted.of("support")).isEqualTo("\"support\"");
        assertThat(Quoted.of("电信 客服")).isEqualTo("\"电信 客服\"");
        assertThat(Quoted.of("😀")).isEqualTo("\"😀\"");
        assertThat(Quoted.of("<b>\"x\"</b>")).isEqualTo("\"\\u003cb\\u003e\\u0022x\\u0022\\u003c/b\\u003e\"");
        assertThat(Quoted.of("a\u0000b\nc\u007f")).isEqualTo("\"a\\u0000b\\u000ac\\u007f\"");
        assertThat(Quoted.of("\ud800x\udc00")).isEqualTo("\"\\ud800x\\udc00\"");
        assertThat(Quoted.of("abc\u202edef\u2028")).isEqualTo("\"abc\\u202edef\\u2028\"");
        assertThat(Quoted.of(null)).isEqualTo("null");
    }

    @Test
    void longTextIsCutAtFortyCodePoints() {
        assertThat(Quoted.of("x".repeat(41))).isEqualTo("\"" + "x".repeat(40) + "…\"");
        assertThat(Quoted.of("x".repeat(40))).isEqualTo("\"" + "x".repeat(40) + "\"");
        assertThat(Quoted.of("😀".repeat(41))).isEqualTo("\"" + "😀".repeat(40) + "…\"");
    }
}
