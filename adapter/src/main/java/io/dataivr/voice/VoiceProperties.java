package io.dataivr.voice;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the adapter reaches Asterisk (keys commented in application.yml).
 *
 * @param amiHost         AMI address
 * @param amiPort         AMI port
 * @param amiUsername     AMI user (manager.conf)
 * @param amiSecret       its secret; never logged
 * @param actionTimeout   how long one AMI action may take
 * @param agiAddress      address the FastAGI server binds (loopback unless Asterisk runs elsewhere)
 * @param agiPort         FastAGI port the dialplan calls
 * @param agiThreads      FastAGI threads kept ready (each AGI request holds one while it runs)
 * @param memberInterface channel interface of an agent's phone; {agent} becomes the agent's name
 * @param queues          the queues whose members the adapter keeps equal to the idle-agent FIFO
 * @param deviceAccountCaches Asterisk's sorcery memory caches of device endpoints, auths and AORs
 *                        (asterisk-config/sorcery.conf), which a revocation expires; default
 *                        dataivr-endpoint, dataivr-auth, dataivr-aor
 * @param astdbWriteAhead  whether Asterisk's database is set, at each AMI login, to commit through a
 *                        write-ahead log without waiting for the disk ({@link AstDbWriteAhead}); default true
 */
@Validated
@ConfigurationProperties("dataivr.voice")
public record VoiceProperties(@NotBlank String amiHost, int amiPort, @NotBlank String amiUsername,
        @NotBlank String amiSecret, Duration actionTimeout, @NotBlank String agiAddress, int agiPort,
        @Min(1) int agiThreads, @NotBlank String memberInterface, @NotEmpty List<String> queues,
        List<String> deviceAccountCaches, Boolean astdbWriteAhead) {

    static final List<String> DEVICE_ACCOUNT_CACHES = List.of("dataivr-endpoint", "dataivr-auth", "dataivr-aor");

    public VoiceProperties {
        if (deviceAccountCaches == null) {
            deviceAccountCaches = DEVICE_ACCOUNT_CACHES;
        }
        if (astdbWriteAhead == null) {
            astdbWriteAhead = true;
        }
    }

    String interfaceOf(String agent) {
        return memberInterface.replace("{agent}", agent);
    }

    /** The agent whose phone is {@code channelInterface}, or the interface itself if it does not match. */
    String agentOf(String channelInterface) {
        int at = memberInterface.indexOf("{agent}");
        String prefix = memberInterface.substring(0, at);
        String suffix = memberInterface.substring(at + "{agent}".length());
        if (channelInterface != null && channelInterface.startsWith(prefix) && channelInterface.endsWith(suffix)
                && channelInterface.length() > prefix.length() + suffix.length()) {
            return channelInterface.substring(prefix.length(), channelInterface.length() - suffix.length());
        }
        return channelInterface;
    }
}
