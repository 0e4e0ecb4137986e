package io.dataivr.voice;

import org.asteriskjava.manager.action.AbstractManagerAction;

/** AMI {@code SorceryMemoryCacheExpire} (res_sorcery_memory_cache): removes every object from a sorcery memory cache. */
public final class SorceryCacheExpireAction extends AbstractManagerAction {

    private static final long serialVersionUID = 1L;

    private final String cache;

    public SorceryCacheExpireAction(String cache) {
        this.cache = cache;
    }

    @Override
    public String getAction() {
        return "SorceryMemoryCacheExpire";
    }

    public String getCache() {
        return cache;
    }
}
