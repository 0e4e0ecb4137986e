package io.dataivr.api.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataivr.system.DomainException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The message decoder reads frames as a stream; these are the cases a tree decoder got right by itself. */
class ClientMessageTests {

    /** As application.yml sets the application's mapper: whole bodies only, no repeated names. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    @Test
    void fieldsAreFoundInAnyOrderAndUnknownOnesAreSkippedWhateverTheyHold() {
        assertThat(parse("{\"x\":{\"type\":\"back\",\"y\":[1,[2,{}]]},\"key\":\"2\",\"z\":null,\"type\":\"choose\"}"))
                .isEqualTo(new ClientMessage.Choose("2", null));
        assertThat(parse("{\"type\":\"choose\",\"key\":\"1\",\"path\":[\"2\",\"3\"]}"))
                .isEqualTo(new ClientMessage.Choose("1", List.of("2", "3")));
        assertThat(parse("{\"type\":\"consult\",\"language\":\"zh-CN\",\"menu\":null}"))
                .isEqualTo(new ClientMessage.Consult(null, "zh-CN", null, null, false, null));
        assertThat(parse("{\"type\":\"consult\",\"sipAccount\":true}"))
                .isEqualTo(new ClientMessage.Consult(null, null, null, null, true, null));
    }

    @Test
    void consultCarriesTheDeviceAsSentAndRefusesANonString() {
        assertThat(parse("{\"type\":\"consult\",\"device\":\"webrtc\"}"))
                .isEqualTo(new ClientMessage.Consult(null, null, null, null, false, "webrtc"));
        assertThatThrownBy(() -> parse("{\"type\":\"consult\",\"device\":1}"))
                .isInstanceOfSatisfying(ProtocolError.class, e -> assertThat(e.code()).isEqualTo("INVALID_FIELD"));
    }

    @Test
    void aFieldNameGivenTwiceRefusesTheWholeFrameAtAnyDepth() {
        for (String frame : List.of("{\"type\":\"choose\",\"key\":\"1\",\"key\":\"3\"}",
                "{\"type\":\"menu\",\"type\":\"back\"}", "{\"type\":\"back\",\"x\":{\"a\":1,\"a\":2}}")) {
            assertThatThrownBy(() -> parse(frame)).as(frame).isInstanceOfSatisfying(ProtocolError.class, e -> {
                assertThat(e.code()).isEqualTo("MALFORMED_MESSAGE");
                assertThat(e.getMessage()).isEqualTo("the frame repeats a field name");
            });
        }
    }

    @Test
    void anythingAfterTheObjectRefusesTheWholeFrameButWhiteSpaceDoesNot() {
        for (String frame : List.of("{\"type\":\"choose\",\"key\":\"2\"} trailing garbage",
                "{\"type\":\"back\"}{\"type\":\"end\"}", "{\"type\":\"menu\"}]]]", "{\"type\":\"end\"}\u0000",
                "{\"type\":\"end\"} 1", "{\"type\":\"end\"}\"x\"")) {
            assertThatThrownBy(() -> parse(frame)).as(frame).isInstanceOfSatisfying(ProtocolError.class, e -> {
                assertThat(e.code()).isEqualTo("MALFORMED_MESSAGE");
                assertThat(e.getMessage()).isEqualTo("the frame holds more than one JSON object");
            });
        }
        assertThat(parse(" {\"type\":\"back\"} \r\n\t")).isEqualTo(new ClientMessage.Back());
    }

    @Test
    void textWithNulOrALoneSurrogateIsAnInvalidFieldWhereverItIsAndIsNotEchoed() {
        for (String frame : List.of("{\"type\":\"choose\",\"key\":\"1\",\"path\":[\"2\\u0000\"]}",
                "{\"type\":\"choose\",\"key\":\"1\",\"path\":[\"\\ud800\"]}",
                "{\"type\":\"choose\",\"key\":\"\\udc00\"}", "{\"type\":\"consult\",\"language\":\"en\\u0000\"}",
                "{\"type\":\"consult\",\"menu\":\"m\\ud83d\"}")) {
            assertThatThrownBy(() -> parse(frame)).as(frame).isInstanceOfSatisfying(DomainException.class, e -> {
                assertThat(e.code()).isEqualTo("INVALID_FIELD");
                assertThat(e.getMessage()).endsWith("contains NUL or an unpaired surrogate")
                        .doesNotContain("\u0000").doesNotContain("\ud800").doesNotContain("\udc00");
            });
        }
    }

    @Test
    void anUnknownTypeIsQuotedEscapedNeverEchoedRaw() {
        assertThatThrownBy(() -> parse("{\"type\":\"<b>x</b>\\u0000\\ud800\\u202e\"}"))
                .hasMessage("unknown message type \"\\u003cb\\u003ex\\u003c/b\\u003e\\u0000\\ud800\\u202e\"");
        assertThatThrownBy(() -> parse("{\"type\":\"选择\"}")).hasMessage("unknown message type \"选择\"");
    }

    @Test
    void aFrameThatIsNotOneWholeJsonObjectIsMalformedEvenWhenItsFirstFieldsAreGood() {
        for (String frame : List.of("", "  ", "null", "[]", "\"back\"", "{\"type\":\"back\"",
                "{\"type\":\"back\",\"x\":[1,2}", "{\"type\":\"back\",\"x\":" + "9".repeat(1_100) + "}",
                "{\"type\":\"back\",\"x\":" + "[".repeat(1_100) + "]".repeat(1_100) + "}")) {
            assertThatThrownBy(() -> parse(frame)).as(frame.length() > 40 ? frame.substring(0, 40) : frame)
                    .isInstanceOfSatisfying(ProtocolError.class, e -> {
                        assertThat(e.code()).isEqualTo("MALFORMED_MESSAGE");
                        assertThat(e.getMessage()).isEqualTo("the frame is not a JSON object");
                    });
        }
    }

    @Test
    void aTypeThatIsMissingOrNotAStringAndFieldsOfTheWrongKindGetTheirOwnErrors() {
        assertThatThrownBy(() -> parse("{\"type\":null}")).hasMessage("the message has no string field \"type\"");
        assertThatThrownBy(() -> parse("{\"type\":[\"back\"]}")).hasMessage("the message has no string field \"type\"");
        assertThatThrownBy(() -> parse("{\"type\":\"choose\",\"key\":2}")).hasMessage("\"key\" must be a string");
        assertThatThrownBy(() -> parse("{\"type\":\"choose\",\"key\":\"1\",\"path\":[1]}"))
                .hasMessage("\"path\" must hold item keys (strings)");
        assertThatThrownBy(() -> parse("{\"type\":\"consult\",\"sipAccount\":\"yes\"}"))
                .isInstanceOfSatisfying(ProtocolError.class, e -> assertThat(e.code()).isEqualTo("INVALID_FIELD"))
                .hasMessage("\"sipAccount\" must be true or false");
        assertThatThrownBy(() -> parse("{\"type\":\"dance\"}")).isInstanceOfSatisfying(ProtocolError.class,
                e -> assertThat(e.code()).isEqualTo("UNKNOWN_MESSAGE_TYPE"));
    }

    private static ClientMessage parse(String frame) {
        return ClientMessage.parse(JSON, frame);
    }
}
