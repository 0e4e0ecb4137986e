package io.dataivr.voice;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataivr.voice.AsteriskRestartWatch.Decision;
import org.junit.jupiter.api.Test;

class AsteriskRestartWatchTests {

    private final AsteriskRestartWatch watch = new AsteriskRestartWatch();

    @Test
    void theFirstConnectAndAReconnectToTheSameAsteriskResynchronise() {
        assertThat(watch.connected("2026-11-26 06:20:01")).isEqualTo(Decision.RESYNC);
        assertThat(watch.fullyBooted()).isEqualTo(Decision.NOTHING);
        watch.disconnected();
        assertThat(watch.connected("2026-11-26 06:20:01")).isEqualTo(Decision.RESYNC);
    }

    @Test
    void aReconnectToARestartedAsteriskRestoresOnceItIsFullyBooted() {
        watch.connected("2026-11-26 06:20:01");
        watch.fullyBooted();
        watch.disconnected();

        assertThat(watch.connected("2026-11-26 06:45:30")).isEqualTo(Decision.WAIT);
        assertThat(watch.fullyBooted()).isEqualTo(Decision.RESTORE);
        assertThat(watch.fullyBooted()).as("only once").isEqualTo(Decision.NOTHING);
    }

    @Test
    void whenFullyBootedCameFirstTheRestoreRunsAtOnce() {
        watch.connected("2026-11-26 06:20:01");
        watch.disconnected();
        watch.fullyBooted(); // the new connection's FullyBooted was handled before the reconnect's check

        assertThat(watch.connected("2026-11-26 06:45:30")).isEqualTo(Decision.RESTORE);
    }

    @Test
    void anUnreadableStartTimeIsNoRestartAndKeepsTheLastKnownOne() {
        watch.connected("2026-11-26 06:20:01");
        assertThat(watch.connected(null)).isEqualTo(Decision.RESYNC);
        assertThat(watch.connected("2026-11-26 06:20:01")).isEqualTo(Decision.RESYNC);
    }

    @Test
    void theSecondAmiSessionComingBackDoesNotResynchroniseWhileTheRestoreWaits() {
        watch.connected("2026-11-26 06:20:01");
        watch.fullyBooted();
        watch.disconnected();

        assertThat(watch.connected("2026-11-26 06:45:30")).isEqualTo(Decision.WAIT);
        assertThat(watch.connected("2026-11-26 06:45:30")).as("the action session's reconnect").isEqualTo(Decision.WAIT);
        assertThat(watch.fullyBooted()).isEqualTo(Decision.RESTORE);
        assertThat(watch.connected("2026-11-26 06:45:30")).isEqualTo(Decision.RESYNC);
    }
}
