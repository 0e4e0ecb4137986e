package io.dataivr.call;

/**
 * An Asterisk channel, by its Uniqueid (e.g. {@code 1718000000.42}): the customer's channel of a
 * queue call, which links it to its voice request, or any channel Asterisk holds. Prints as the
 * Uniqueid itself, so logs read as Asterisk's.
 */
public record ChannelId(String value) {

    public ChannelId {
        if (value == null) {
            throw new IllegalArgumentException("a channel id needs Asterisk's Uniqueid");
        }
    }

    /** The channel of {@code uniqueId} as Asterisk wrote it, or null when Asterisk gave none. */
    public static ChannelId of(String uniqueId) {
        return uniqueId == null ? null : new ChannelId(uniqueId);
    }

    /** {@link #value()} of a channel id that may be null. */
    public static String valueOf(ChannelId id) {
        return id == null ? null : id.value();
    }

    @Override
    public String toString() {
        return value;
    }
}
