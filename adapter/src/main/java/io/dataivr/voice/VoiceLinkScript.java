package io.dataivr.voice;

import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FastAGI {@code voice-link}, for a dialplan older than the AstDB link (an admin's extensions.conf not
 * updated): the link is now checked by the dialplan itself in Asterisk's database ({@link VoiceLinkEvents},
 * {@link AmiVoiceLinks}), and this script only refuses the call with {@code DATAIVR_ERROR =}
 * {@value #OUTDATED} and says in the log what to update.
 */
final class VoiceLinkScript implements AgiScript {

    static final String ERROR = "DATAIVR_ERROR";
    static final String OUTDATED = "DIALPLAN_OUTDATED";

    private static final Logger log = LoggerFactory.getLogger(VoiceLinkScript.class);

    @Override
    public void service(AgiRequest request, AgiChannel channel) throws AgiException {
        log.error("call {} refused: the dialplan still asks the voice-link FastAGI script, which no longer links"
                + " calls; update dataivr-customer from dialplan/extensions.conf (the link is read from Asterisk's"
                + " database)", request.getUniqueId());
        channel.setVariable("DATAIVR_QUEUE", "");
        channel.setVariable(ERROR, OUTDATED);
    }
}
