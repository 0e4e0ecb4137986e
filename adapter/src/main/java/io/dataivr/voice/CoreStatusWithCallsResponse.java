package io.dataivr.voice;

import org.asteriskjava.manager.response.CoreStatusResponse;

/**
 * The answer to {@code CoreStatus} with Asterisk 22's {@code CoreProcessedCalls} (calls since start), which
 * asterisk-java 3.42's {@link CoreStatusResponse} has no field for and warned about at every AMI login.
 */
public class CoreStatusWithCallsResponse extends CoreStatusResponse {

    private static final long serialVersionUID = 1L;

    private Long coreProcessedCalls;

    /** Calls Asterisk has processed since it started, or null when it did not say. */
    public Long getCoreProcessedCalls() {
        return coreProcessedCalls;
    }

    public void setCoreProcessedCalls(Long coreProcessedCalls) {
        this.coreProcessedCalls = coreProcessedCalls;
    }
}
