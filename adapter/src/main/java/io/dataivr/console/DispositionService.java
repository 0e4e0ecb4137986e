package io.dataivr.console;

import io.dataivr.agent.AgentName;
import io.dataivr.agent.LabelledCode;
import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;

/** An agent records a call's outcome after it: only for a call that agent took (the admin may, for it). */
public class DispositionService {

    public static final int MAX_NOTE = 2000;
    private static final Pattern REQUEST = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** Control characters other than tab, line feed and carriage return. */
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\t\\n\\r]]");

    private final CallDispositions store;
    private final List<LabelledCode> dispositions;
    private final Clock clock;

    public DispositionService(CallDispositions store, List<LabelledCode> dispositions, Clock clock) {
        this.store = store;
        this.dispositions = List.copyOf(dispositions);
        this.clock = clock;
    }

    /**
     * Records {@code code} and {@code note} for the call of {@code request} that {@code agent} took; {@code by}
     * is who asks (the agent itself, or the admin). A second record replaces the first.
     */
    public Disposition dispose(String agent, String request, String code, String note, String by) {
        AgentName.require(agent);
        if (request == null || !REQUEST.matcher(request).matches()) {
            throw new NoSuchCall(String.valueOf(request).length() > 64 ? "(too long)" : String.valueOf(request));
        }
        if (code == null || dispositions.stream().noneMatch(d -> d.code().equals(code))) {
            throw new InvalidDisposition("disposition: must be one of " + dispositions.stream()
                    .map(LabelledCode::code).toList());
        }
        String kept = note == null ? "" : note.strip();
        if (kept.codePointCount(0, kept.length()) > MAX_NOTE) {
            throw new InvalidDisposition("note: at most " + MAX_NOTE + " characters");
        }
        if (CONTROL.matcher(kept).find()) {
            throw new InvalidDisposition("note: control characters are not allowed");
        }
        String taker = store.answeredBy(request).orElseThrow(() -> new NoSuchCall(request));
        if (!taker.equals(agent)) {
            throw new CallNotTaken(agent, request);
        }
        Disposition disposition = new Disposition(code, kept, by, clock.instant());
        store.record(request, disposition);
        return disposition;
    }
}
