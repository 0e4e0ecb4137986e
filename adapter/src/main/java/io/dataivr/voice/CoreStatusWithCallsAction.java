package io.dataivr.voice;

import org.asteriskjava.manager.ExpectedResponse;
import org.asteriskjava.manager.action.CoreStatusAction;

/** AMI {@code CoreStatus}, answered as {@link CoreStatusWithCallsResponse} (Asterisk 22's fields all read). */
@ExpectedResponse(CoreStatusWithCallsResponse.class)
public final class CoreStatusWithCallsAction extends CoreStatusAction {

    private static final long serialVersionUID = 1L;
}
