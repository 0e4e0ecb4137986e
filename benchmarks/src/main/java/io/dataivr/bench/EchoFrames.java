package io.dataivr.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Echo frames as large as navigation's traffic, so the ceiling and the navigation run move the
 * same bytes: each echo frame is the mean of a navigation request and its answer (UTF-8 bytes), so
 * one echo round trip carries what one navigation round trip carries, and it is padded with the
 * answers' own text (the same mix of ASCII and CJK for the server to encode and the client to
 * decode).
 */
record EchoFrames(int bytes, int requestBytes, int responseBytes, String pad) {

    private static final String HEAD = "{\"type\":\"ping\",\"n\":\"";
    private static final String PAD = "\",\"pad\":\"";
    private static final String TAIL = "\"}";
    private static final int N_DIGITS = 6;

    static EchoFrames like(List<String> requests, List<String> answers) {
        int request = meanBytes(requests);
        int response = meanBytes(answers);
        int target = (request + response + 1) / 2;
        int room = target - utf8(HEAD + PAD + TAIL) - N_DIGITS;
        StringBuilder pad = new StringBuilder();
        int used = 0;
        for (String answer : answers) {
            for (int i = 0; i < answer.length(); i++) {
                char c = answer.charAt(i);
                if (c == '"' || c == '\\' || c < 0x20 || Character.isSurrogate(c)) {
                    continue;
                }
                int size = c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
                if (used + size > room) {
                    break;
                }
                pad.append(c);
                used += size;
            }
        }
        while (used < room) {
            pad.append('x');
            used++;
        }
        return new EchoFrames(target, request, response, pad.toString());
    }

    /** The {@code n}th echo frame. */
    String frame(int n) {
        String number = Integer.toString(n % 1_000_000);
        return HEAD + "0".repeat(N_DIGITS - number.length()) + number + PAD + pad + TAIL;
    }

    private static int meanBytes(List<String> frames) {
        long total = 0;
        for (String frame : frames) {
            total += utf8(frame);
        }
        return (int) Math.round(total / (double) frames.size());
    }

    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
