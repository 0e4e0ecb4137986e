package io.dataivr.api.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * decodes to a message or is refused with a documented code; nothing else may escape.
 */
class ClientMessageFuzzTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> TYPES = List.of("consult", "choose", "back", "menu", "end", "resume",
            "Consult", "", "x", "choose\u0000", "选择");
    private static final List<String> FIELDS = List.of("type", "key", "menu", "language", "client", "token", "path",
            "extra");

    @Property(tries = 100_000, shrinking = ShrinkingMode.OFF)
    void everyFrameDecodesOrIsRefusedWithADocumentedCode(@ForAll("frames") String frame) {
        try {
            ClientMessage message = ClientMessage.parse(JSON, frame);
            assertThat(message).isNotNull();
        } catch (ProtocolError e) {
            assertThat(ClientMessage.ERROR_CODES).contains(e.code());
            assertThat(e.getMessage()).isNotBlank();
        }
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
