package io.dataivr.api.http;

import java.io.IOException;

/** Thrown by a request body's stream once more than the limit has been read (413 FRAME_TOO_LARGE). */
final class RequestBodyTooLarge extends IOException {

    RequestBodyTooLarge(long limit) {
        super("request bodies are limited to " + limit + " bytes");
    }
}
