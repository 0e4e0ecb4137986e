package io.dataivr.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataivr.IntegrationTest;
import io.dataivr.fixtures.MutableClock;
import io.dataivr.session.token.SessionTokens;
import io.dataivr.system.StoreUnavailable;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Used customer-token ids live in the real Redis: a token used on the running adapter is refused by
 * a new store instance on the same Redis (another node, or this one after a restart) and the other
 * way round; ids expire with their tokens; a Redis that does not answer refuses tokens
 * (STORE_UNAVAILABLE) instead of letting replays through.
 */
@IntegrationTest
class RedisUsedTokenStoreIntegrationTests {

    @Autowired
    TestRestTemplate http;
    @Value("${spring.data.redis.url}")
    String redisUri;
    @Value("${dataivr.redis.key-prefix}")
    String prefix;
    @Value("${dataivr.session.token-secret}")
    String secret;

    private final java.util.List<RedisClient> clients = new java.util.ArrayList<>();
    private final java.util.List<ConfigurableApplicationContext> stores = new java.util.ArrayList<>();
    private io.lettuce.core.api.sync.RedisCommands<String, String> inspector;

    @AfterEach
    void closeClients() {
        clients.forEach(RedisClient::shutdown);
        stores.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void aTokenUsedOnTheRunningAdapterIsRefusedByAFreshStoreOnTheSameRedisAsAfterARestart() {
        SessionTokens restarted = tokens(freshStore(), Clock.systemUTC());
        String token = restarted.mint("restart-" + UUID.randomUUID(), Duration.ofMinutes(5));

        assertThat(consult(token).getStatusCode()).isEqualTo(HttpStatus.CREATED);

        assertThatThrownBy(() -> restarted.redeem(token)).hasFieldOrPropertyWithValue("code", "TOKEN_REPLAYED");
        SessionTokens afterAnotherRestart = tokens(freshStore(), Clock.systemUTC());
        assertThatThrownBy(() -> afterAnotherRestart.redeem(token))
                .hasFieldOrPropertyWithValue("code", "TOKEN_REPLAYED");
    }

    @Test
    void aTokenUsedOnAnotherNodeIsRefusedByTheRunningAdapter() {
        SessionTokens otherNode = tokens(freshStore(), Clock.systemUTC());
        String token = otherNode.mint("other-node-" + UUID.randomUUID(), Duration.ofMinutes(5));
        otherNode.redeem(token);

        ResponseEntity<JsonNode> replay = consult(token);

        assertThat(replay.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(replay.getBody().path("code").asText()).isEqualTo("TOKEN_REPLAYED");
    }

    @Test
    void aUsedIdIsKeptInRedisForTheTokensRemainingLifetimeOnly() {
        MutableClock clock = new MutableClock(Instant.now());
        SessionTokens tokens = tokens(freshStore(), clock);
        String token = tokens.mint("lifetime-" + UUID.randomUUID(), Duration.ofMinutes(5));
        clock.advance(Duration.ofMinutes(2));

        String id = tokens.redeem(token).id();

        long ttl = redis().pttl(prefix + "token-used:" + id);
        assertThat(ttl).isBetween(Duration.ofMinutes(3).minusSeconds(5).toMillis(), Duration.ofMinutes(3).toMillis());
    }

    @Test
    void redisForgetsAUsedIdWhenItsTimeIsUp() {
        RedisUsedTokenStore store = freshStore();
        String id = "expiry-" + UUID.randomUUID().toString().replace("-", "");

        assertThat(store.markUsed(id, Duration.ofMillis(300))).isTrue();
        assertThat(store.markUsed(id, Duration.ofMillis(300))).isFalse();

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> redis().exists(prefix + "token-used:" + id) == 0);
        assertThat(store.markUsed(id, Duration.ofMinutes(1))).isTrue();
    }

    @Test
    void aRedisThatIsDownOrDoesNotAnswerIsStoreUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        RedisUsedTokenStore down = store("redis://127.0.0.1:" + closedPort + "/1");
        assertThatThrownBy(() -> down.markUsed("abcdefgh", Duration.ofMinutes(1)))
                .isInstanceOf(StoreUnavailable.class).hasFieldOrPropertyWithValue("code", "STORE_UNAVAILABLE");

        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try (Socket ignored = silent.accept()) {
                    ignored.getInputStream().readAllBytes(); // reads, never answers
                } catch (IOException e) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            RedisUsedTokenStore mute = store("redis://127.0.0.1:" + silent.getLocalPort() + "/1");
            long start = System.nanoTime();
            assertThatThrownBy(() -> mute.markUsed("abcdefgh", Duration.ofMinutes(1)))
                    .isInstanceOf(StoreUnavailable.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("bounded by spring.data.redis.timeout")
                    .isLessThan(Duration.ofSeconds(3));
        }
    }

    private ResponseEntity<JsonNode> consult(String token) {
        return http.postForEntity("/api/v1/sessions", Map.of("token", token, "language", "en"), JsonNode.class);
    }

    private SessionTokens tokens(RedisUsedTokenStore store, Clock clock) {
        return new SessionTokens(secret, Duration.ofHours(24), store, clock);
    }

    /** A new store on the adapter's Redis with a connection of its own, as another node or a restart has. */
    private RedisUsedTokenStore freshStore() {
        return store(redisUri);
    }

    /**
     * A store on {@code uri} wired as the adapter wires its own: Spring Boot's Redis auto-configuration
     * and RedisConfiguration, in an application of its own, with timeouts of 500 ms.
     */
    private RedisUsedTokenStore store(String uri) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(RedisOnly.class)
                .web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF).logStartupInfo(false)
                .run("--spring.data.redis.url=" + uri, "--spring.data.redis.timeout=500ms",
                        "--spring.data.redis.connect-timeout=500ms", "--dataivr.redis.key-prefix=" + prefix);
        stores.add(context);
        return context.getBean(RedisUsedTokenStore.class);
    }

    /** Not a @Configuration: that would replace this test's own (the adapter's) configuration. */
    @ImportAutoConfiguration(RedisAutoConfiguration.class)
    @Import(RedisConfiguration.class)
    static class RedisOnly {
    }

    private io.lettuce.core.api.sync.RedisCommands<String, String> redis() {
        if (inspector == null) {
            RedisClient client = RedisClient.create(redisUri);
            clients.add(client);
            StatefulRedisConnection<String, String> connection = client.connect();
            inspector = connection.sync();
        }
        return inspector;
    }
}
