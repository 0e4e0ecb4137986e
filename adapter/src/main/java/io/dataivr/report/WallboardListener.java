package io.dataivr.report;

import java.util.List;

/** Told of the wallboard's changes, at most once per {@code dataivr.report.push-interval} (the sockets). */
public interface WallboardListener {

    /**
     * @param board    the whole wallboard now
     * @param queues   the queues whose board changed since the last call (live state or figures)
     * @param sessions whether today's session counts changed
     */
    void changed(Wallboard board, List<String> queues, boolean sessions);

    /** Whether anyone looks now: with no listener watching, the wallboard builds nothing. */
    boolean watching();
}
