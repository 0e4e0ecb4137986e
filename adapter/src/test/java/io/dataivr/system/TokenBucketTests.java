package io.dataivr.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataivr.fixtures.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TokenBucketTests {

    @Test
    void aBurstIsServedThenTheRateRefillsIt() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-26T04:00:00Z"));
        TokenBucket bucket = new TokenBucket(10, 5, clock);

        assertThat(IntStream.range(0, 8).filter(i -> bucket.tryTake()).count()).isEqualTo(5);
        clock.advance(Duration.ofMillis(250));
        assertThat(IntStream.range(0, 8).filter(i -> bucket.tryTake()).count()).isEqualTo(2);
        clock.advance(Duration.ofHours(1));
        assertThat(IntStream.range(0, 8).filter(i -> bucket.tryTake()).count()).isEqualTo(5);
    }
}
