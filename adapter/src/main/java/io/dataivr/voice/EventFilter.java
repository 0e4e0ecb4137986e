package io.dataivr.voice;

import org.asteriskjava.manager.action.FilterAction;

/**
 * An AMI Filter with Asterisk 22's match criteria ({@code MatchCriteria: action(include),name(Hangup)}):
 * the event is chosen by its name, which Asterisk compares by hash instead of running a regular
 * expression over the whole event; with a header, only that header's value is compared. asterisk-java's
 * {@link FilterAction} has no such field; this adds it (each getter is sent as a header). Public, as
 * asterisk-java reads the getters by reflection and skips those it cannot call: without its criteria
 * the filter would be an empty regular expression, which lets every event through.
 */
public final class EventFilter extends FilterAction {

    private static final long serialVersionUID = 1L;

    private final String matchCriteria;

    private EventFilter(String matchCriteria, String filter) {
        this.matchCriteria = matchCriteria;
        if (filter != null) {
            setFilter(filter);
        }
    }

    /** Includes every event called {@code name}. */
    static EventFilter named(String name) {
        return new EventFilter("action(include),name(" + name + ")", null);
    }

    /** Includes the events called {@code name} whose {@code header} is exactly {@code value}. */
    static EventFilter namedWithHeader(String name, String header, String value) {
        return new EventFilter("action(include),name(" + name + "),header(" + header + "),method(exact)", value);
    }

    @Override
    public String getOperation() {
        return "Add";
    }

    public String getMatchCriteria() {
        return matchCriteria;
    }

    @Override
    public String toString() {
        return matchCriteria + (getFilter() == null ? "" : " = " + getFilter());
    }
}
