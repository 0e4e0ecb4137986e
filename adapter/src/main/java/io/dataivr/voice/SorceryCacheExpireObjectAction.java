package io.dataivr.voice;

import org.asteriskjava.manager.action.AbstractManagerAction;

/**
 * AMI {@code SorceryMemoryCacheExpireObject} (res_sorcery_memory_cache, not in asterisk-java): removes one
 * object from a sorcery memory cache, so its next lookup reads the backend (PJSIP realtime) again.
 */
public final class SorceryCacheExpireObjectAction extends AbstractManagerAction {

    private static final long serialVersionUID = 1L;

    private final String cache;
    private final String object;

    public SorceryCacheExpireObjectAction(String cache, String object) {
        this.cache = cache;
        this.object = object;
    }

    @Override
    public String getAction() {
        return "SorceryMemoryCacheExpireObject";
    }

    public String getCache() {
        return cache;
    }

    public String getObject() {
        return object;
    }
}
