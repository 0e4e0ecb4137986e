package io.dataivr.api.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataivr.system.DomainException;
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
 * The WebSocket message decoder with 100,000 generated frames per run: arbitrary text, JSON objects
 * with known and unknown types and fields of every JSON type, and broken variants of both. Each frame
 * decodes to a message that encodes back to a frame decoding to the same message, or is refused with
 * a documented code and a message that echoes no raw client text; nothing else may escape. A good
 * frame with anything but white space after it is refused whole.
 */
class ClientMessageFuzzTests {

    /** As application.yml sets the application's mapper: whole bodies only, no repeated names. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> TYPES = List.of("consult", "choose", "back", "menu", "end", "resume",
            "hangup", "Consult", "", "x", "choose\u0000", "选择");
    private static final List<String> FIELDS = List.of("type", "key", "menu", "language", "client", "token", "path",
            "sipAccount", "device", "extra");

    @Property(tries = 100_000, shrinking = ShrinkingMode.OFF)
    void everyFrameDecodesOrIsRefusedWithADocumentedCode(@ForAll("frames") String frame) {
        ClientMessage message;
        try {
            message = ClientMessage.parse(JSON, frame);
        } catch (DomainException e) {
            assertThat(ClientMessage.ERROR_CODES).contains(e.code());
            assertThat(e.getMessage()).isNotBlank();
            assertEchoesNothingRaw(e.getMessage());
            return;
        }
        assertThat(message).isNotNull();
        assertThat(ClientMessage.parse(JSON, encode(message))).as("decode(encode(m)) of %s", frame).isEqualTo(message);
    }

    @Property(tries = 20_000, shrinking = ShrinkingMode.OFF)
    void aGoodFrameWithAnythingAfterItIsRefusedWhole(@ForAll("frames") String frame,
            @ForAll("suffixes") String suffix) {
        ClientMessage message;
        try {
            message = ClientMessage.parse(JSON, frame);
        } catch (DomainException e) {
            return; // refused already
        }
        assertThat(message).isNotNull();
        String longer = encode(message) + suffix;
        assertThatThrownBy(() -> ClientMessage.parse(JSON, longer)).as(longer)
                .isInstanceOfSatisfying(ProtocolError.class, e -> assertThat(e.code()).isEqualTo("MALFORMED_MESSAGE"));
    }

    private static void assertEchoesNothingRaw(String message) {
        assertThat(message).doesNotContain("\u0000").doesNotContain("<").doesNotContain(">");
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < message.length() && Character.isLowSurrogate(message.charAt(i + 1))) {
                i++;
                continue;
            }
            assertThat(Character.isSurrogate(c) || Character.isISOControl(c)).as("character %d of %s", i, message)
                    .isFalse();
        }
    }

    /** The message as a frame, written independently of the decoder. */
    static String encode(ClientMessage message) {
        ObjectNode node = NODES.objectNode();
        node.put("type", message.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT));
        if (message instanceof ClientMessage.Consult consult) {
            putIfSet(node, "menu", consult.menu());
            putIfSet(node, "language", consult.language());
            putIfSet(node, "client", consult.client());
            putIfSet(node, "token", consult.token());
            if (consult.sipAccount()) {
                node.put("sipAccount", true);
            }
            putIfSet(node, "device", consult.device());
        } else if (message instanceof ClientMessage.Choose choose) {
            node.put("key", choose.key());
            if (choose.path() != null) {
                ArrayNode path = node.putArray("path");
                choose.path().forEach(path::add);
            }
        } else if (message instanceof ClientMessage.Resume resume) {
            node.put("token", resume.token());
        }
        return node.toString();
    }

    private static void putIfSet(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    @Provide
    Arbitrary<String> suffixes() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMinLength(1).ofMaxLength(8).filter(t -> !t.isBlank()),
                Arbitraries.of("{\"type\":\"end\"}", "]]]", "\u0000", " trailing garbage", "null", "1", "\"x\"", "{}"));
    }

    @Provide
    Arbitrary<String> frames() {
        return Arbitraries.<String>frequencyOf(
                Tuple.of(2, Arbitraries.strings().all().ofMaxLength(60)),
                Tuple.of(1, Arbitraries.strings().withChars("{}[]\":,0123456789.eE-+tfnul \\/ u").ofMaxLength(40)),
                Tuple.of(5, messages().map(JsonNode::toString)),
                Tuple.of(2, Combinators.combine(messages().map(JsonNode::toString), Arbitraries.integers().between(0, 200),
                        Arbitraries.strings().all().ofMaxLength(3)).as(ClientMessageFuzzTests::mutate)))
                ;
    }

    private static String mutate(String text, int at, String insert) {
        int cut = Math.min(at, text.length());
        return text.substring(0, cut) + insert + text.substring(Math.min(text.length(), cut + 1));
    }

    private Arbitrary<ObjectNode> messages() {
        Arbitrary<String> type = Arbitraries.oneOf(Arbitraries.of(TYPES), Arbitraries.strings().ofMaxLength(10));
        Arbitrary<List<Map.Entry<String, JsonNode>>> fields = Combinators.combine(
                Arbitraries.oneOf(Arbitraries.of(FIELDS), Arbitraries.strings().all().ofMaxLength(6)), values(2))
                .as(Map::entry).list().ofMaxSize(4);
        Arbitrary<JsonNode> typeValue = Arbitraries.<JsonNode>frequencyOf(
                Tuple.of(8, type.map(t -> (JsonNode) NODES.textNode(t))),
                Tuple.of(1, values(1)));
        return Combinators.combine(typeValue, fields, Arbitraries.of(true, false)).as((t, extra, withType) -> {
            ObjectNode node = NODES.objectNode();
            if (withType) {
                node.set("type", t);
            }
            extra.forEach(e -> node.set(e.getKey(), e.getValue()));
            return node;
        });
    }

    private Arbitrary<JsonNode> values(int depth) {
        Arbitrary<JsonNode> scalar = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(12).map(NODES::textNode),
                Arbitraries.strings().withChars("0123456789*#AZaz").ofMinLength(0).ofMaxLength(10).map(NODES::textNode),
                Arbitraries.longs().map(NODES::numberNode),
                Arbitraries.doubles().map(NODES::numberNode),
                Arbitraries.of(true, false).map(NODES::booleanNode),
                Arbitraries.just(NODES.nullNode()));
        if (depth <= 0) {
            return scalar;
        }
        Arbitrary<JsonNode> array = values(depth - 1).list().ofMaxSize(20).map(list -> {
            ArrayNode node = NODES.arrayNode();
            list.forEach(node::add);
            return node;
        });
        Arbitrary<JsonNode> object = Combinators.combine(Arbitraries.strings().ofMaxLength(5), values(depth - 1))
                .as(Map::entry).list().ofMaxSize(3).map(list -> {
                    ObjectNode node = NODES.objectNode();
                    list.forEach(e -> node.set(e.getKey(), e.getValue()));
                    return node;
                });
        return Arbitraries.<JsonNode>frequencyOf(Tuple.of(6, scalar), Tuple.of(1, array), Tuple.of(1, object));
    }
}
