package io.dataivr.api.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The message decoder reads frames as a stream; these are the cases a tree decoder got right by itself. */
class ClientMessageTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void fieldsAreFoundInAnyOrderAndUnknownOnesAreSkippedWhateverTheyHold() {
        assertThat(parse("{\"x\":{\"type\":\"back\",\"y\":[1,[2,{}]]},\"key\":\"2\",\"z\":null,\"type\":\"choose\"}"))
                .isEqualTo(new ClientMessage.Choose("2", null));
        assertThat(parse("{\"type\":\"choose\",\"key\":\"1\",\"path\":[\"2\",\"3\"]}"))
                .isEqualTo(new ClientMessage.Choose("1", List.of("2", "3")));
        assertThat(parse("{\"type\":\"consult\",\"language\":\"zh-CN\",\"menu\":null}"))
                .isEqualTo(new ClientMessage.Consult(null, "zh-CN", null, null, false));
        assertThat(parse("{\"type\":\"consult\",\"sipAccount\":true}"))
                .isEqualTo(new ClientMessage.Consult(null, null, null, null, true));
    }

    @Test
    void aRepeatedFieldKeepsItsLastValue() {
        assertThat(parse("{\"type\":\"choose\",\"key\":\"1\",\"key\":\"3\"}")).isEqualTo(new ClientMessage.Choose("3", null));
        assertThat(parse("{\"type\":\"choose\",\"type\":\"back\"}")).isEqualTo(new ClientMessage.Back());
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
