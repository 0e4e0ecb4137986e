package io.dataivr.voice;

import org.asteriskjava.fastagi.AgiChannelFactory;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiReader;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiWriter;
import org.asteriskjava.fastagi.internal.AgiChannelImpl;

/**
 * asterisk-java's AGI channel without its {@code AJ_AGISTATUS} variable: after every script it sends
 * one more SET VARIABLE (a round trip while the call waits) that no dialplan of ours reads; the
 * scripts answer in variables of their own (DATAIVR_LINK, DATAIVR_AGENT_RESULT).
 */
final class NoStatusAgiChannel extends AgiChannelImpl {

    static final String STATUS_VARIABLE = "AJ_AGISTATUS";

    static final AgiChannelFactory FACTORY = NoStatusAgiChannel::new;

    private NoStatusAgiChannel(AgiRequest request, AgiWriter writer, AgiReader reader) {
        super(request, writer, reader);
    }

    @Override
    public void setVariable(String name, String value) throws AgiException {
        if (!STATUS_VARIABLE.equals(name)) {
            super.setVariable(name, value);
        }
    }
}
