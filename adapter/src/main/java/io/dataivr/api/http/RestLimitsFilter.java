package io.dataivr.api.http;

import io.dataivr.system.TokenBucket;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The WebSocket's limits, over REST (docs/protocol.md, "Limits of a connection"): a body over
 * {@code dataivr.rest.max-body-bytes} gets 413 FRAME_TOO_LARGE, counted as it is read (never buffered
 * whole; a Content-Length over the limit is refused before reading); and a token bucket per REST
 * session (requests on /api/v1/sessions/{id}...) and per remote address (opening a session, minting a
 * demo token) refuses requests beyond its rate with 429 RATE_LIMITED and Retry-After.
 */
final class RestLimitsFilter extends OncePerRequestFilter {

    private static final Pattern SESSION_PATH = Pattern.compile("^/api/v1/sessions/([^/]+)(/.*)?$");
    private static final String ADMIN_PREFIX = "/api/v1/admin/";

    private final RestLimitProperties limits;
    private final Clock clock;
    private final ConcurrentHashMap<String, Tracked> buckets = new ConcurrentHashMap<>();
    private final AtomicLong lastSweepMillis = new AtomicLong();

    RestLimitsFilter(RestLimitProperties limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    private record Tracked(TokenBucket bucket, AtomicLong lastUsedMillis, long idleMillis) {
    }

    /** How many sessions and addresses are tracked now (bounded by max-tracked-keys). */
    int trackedKeys() {
        return buckets.size();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        if (!rateAllows(request, path)) {
            double rate = rateOf(path);
            response.setHeader("Retry-After", Long.toString(Math.max(1, (long) Math.ceil(1 / rate))));
            Problems.write(response, Problems.of(429, "RATE_LIMITED",
                    "more than " + rate + " requests a second; this one was refused"));
            return;
        }
        long limit = path.startsWith(ADMIN_PREFIX) ? limits.adminMaxBodyBytes() : limits.maxBodyBytes();
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            Problems.write(response, tooLarge(limit));
            return;
        }
        chain.doFilter(new LimitedRequest(request, limit), response);
    }

    static org.springframework.http.ProblemDetail tooLarge(long limit) {
        return Problems.of(413, "FRAME_TOO_LARGE", "request bodies are limited to " + limit + " bytes");
    }

    private double rateOf(String path) {
        return SESSION_PATH.matcher(path).matches() && !path.equals("/api/v1/sessions/demo-tokens")
                ? limits.sessionRequestsPerSecond() : limits.openRequestsPerSecond();
    }

    /**
     * Whether requests of {@code method} on {@code path} (a request's, or an OpenAPI path template such as
     * {@code /api/v1/sessions/{id}/choices}) count against a bucket: opening a session or minting a demo
     * token (the address's), or anything on a session (the session's).
     */
    static boolean rateLimited(String method, String path) {
        return opening(method, path) || SESSION_PATH.matcher(path).matches();
    }

    private static boolean opening(String method, String path) {
        return "POST".equals(method) && (path.equals("/api/v1/sessions") || path.equals("/api/v1/sessions/demo-tokens"));
    }

    private boolean rateAllows(HttpServletRequest request, String path) {
        String key;
        double rate;
        int burst;
        Matcher session = SESSION_PATH.matcher(path);
        if (opening(request.getMethod(), path)) {
            key = "address:" + request.getRemoteAddr();
            rate = limits.openRequestsPerSecond();
            burst = limits.openBurst();
        } else if (session.matches()) {
            UUID id;
            try {
                id = UUID.fromString(session.group(1));
            } catch (IllegalArgumentException e) {
                return true; // not a session id: 400 INVALID_FIELD, nothing to protect
            }
            key = "session:" + id;
            rate = limits.sessionRequestsPerSecond();
            burst = limits.sessionBurst();
        } else {
            return true;
        }
        long now = clock.millis();
        sweep(now);
        Tracked tracked = buckets.get(key);
        if (tracked == null) {
            if (buckets.size() >= limits.maxTrackedKeys()) {
                lastSweepMillis.set(Long.MIN_VALUE / 2);
                sweep(now);
                if (buckets.size() >= limits.maxTrackedKeys()) {
                    return false; // more keys active at once than allowed: refuse rather than grow
                }
            }
            // A bucket idle for burst / rate seconds is full again: dropping it then loses nothing.
            long idleMillis = (long) Math.ceil(burst / rate * 1000);
            double bucketRate = rate;
            int bucketBurst = burst;
            tracked = buckets.computeIfAbsent(key, k -> new Tracked(new TokenBucket(bucketRate, bucketBurst, clock),
                    new AtomicLong(now), idleMillis));
        }
        tracked.lastUsedMillis().set(now);
        return tracked.bucket().tryTake();
    }

    /** Drops the buckets idle long enough to be full again, at most once a second. */
    private void sweep(long now) {
        long last = lastSweepMillis.get();
        if (now - last < 1000 || !lastSweepMillis.compareAndSet(last, now)) {
            return;
        }
        buckets.entrySet().removeIf(e -> now - e.getValue().lastUsedMillis().get() > e.getValue().idleMillis());
    }

    /** The request, its body stream counting bytes and failing past the limit. */
    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedStream(super.getInputStream(), limit);
            }
            return stream;
        }

        @Override
        public java.io.BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), encoding));
        }
    }

    private static final class LimitedStream extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private long count;

        LimitedStream(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        private int counted(int n) throws IOException {
            if (n > 0) {
                count += n;
                if (count > limit) {
                    throw new RequestBodyTooLarge(limit);
                }
            }
            return n;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return counted(in.read(buffer, offset, length));
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
