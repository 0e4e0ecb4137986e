package io.dataivr.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.IntSupplier;

/**
 * The open consultation sessions of this adapter by the IP channel they were opened on,
 * {@code dataivr_ipchannel_sessions{channel="ws"|"rest"}}: REST sessions are those opened over
 * {@code /api/v1/sessions}, the others were opened on the WebSocket (also while their connection is
 * lost and they wait to be resumed).
 */
public final class IpChannelMetrics implements MeterBinder {

    private final IntSupplier open;
    private final IntSupplier openOverRest;

    /**
     * @param open         every open session
     * @param openOverRest the open sessions opened over REST
     */
    public IpChannelMetrics(IntSupplier open, IntSupplier openOverRest) {
        this.open = open;
        this.openOverRest = openOverRest;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("dataivr.ipchannel.sessions", this, IpChannelMetrics::overWebSocket).strongReference(true)
                .description("Open consultation sessions, by the IP channel they were opened on")
                .tag("channel", "ws").register(registry);
        Gauge.builder("dataivr.ipchannel.sessions", this, m -> m.openOverRest.getAsInt()).strongReference(true)
                .description("Open consultation sessions, by the IP channel they were opened on")
                .tag("channel", "rest").register(registry);
    }

    private int overWebSocket() {
        return Math.max(0, open.getAsInt() - openOverRest.getAsInt());
    }
}
