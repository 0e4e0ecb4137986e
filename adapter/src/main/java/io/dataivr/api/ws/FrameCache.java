package io.dataivr.api.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataivr.api.Views;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.springframework.web.socket.TextMessage;

/**
 * Frames that only depend on published menu data (a menu level, an item's content), encoded once
 * and sent as they are to every session that asks: a published menu version never changes, and the
 * key is the whole value the frame is made of (so equal keys make equal frames). Bounded by the
 * characters it holds; when full it starts over.
 */
final class FrameCache {

    static final long DEFAULT_MAX_CHARS = 4L * 1024 * 1024;

    private final ObjectMapper json;
    private final long maxChars;
    private final Map<Object, TextMessage> frames = new ConcurrentHashMap<>();
    private final AtomicLong chars = new AtomicLong();

    FrameCache(ObjectMapper json, long maxChars) {
        this.json = json;
        this.maxChars = maxChars;
    }

    /** The frame of {@code view}, made from {@code source} (a record of menu data) the first time. */
    <S> TextMessage frame(S source, Function<S, Views.Message> view) {
        TextMessage frame = frames.get(source);
        if (frame != null) {
            return frame;
        }
        frame = encode(json, view.apply(source));
        int length = frame.getPayload().length();
        if (chars.addAndGet(length) > maxChars) {
            frames.clear();
            chars.set(length);
        }
        TextMessage raced = frames.putIfAbsent(source, frame);
        return raced != null ? raced : frame;
    }

    int size() {
        return frames.size();
    }

    /**
     * Made from the UTF-8 bytes, which the frame then keeps: a frame made from a string would encode
     * it again each time its size is asked for (twice per send in the connection's send buffer).
     */
    static TextMessage encode(ObjectMapper json, Views.Message message) {
        try {
            return new TextMessage(json.writeValueAsBytes(message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + message.type(), e);
        }
    }
}
