package io.dataivr.voice;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Map;
import org.asteriskjava.fastagi.AgiScript;
import org.asteriskjava.fastagi.DefaultAgiServer;
import org.asteriskjava.fastagi.SimpleMappingStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/** The FastAGI server the dialplan calls (agi://host:port/script); its blocking loop runs on its own thread. */
final class AgiServerRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AgiServerRunner.class);

    private final DefaultAgiServer server;
    private final VoiceProperties properties;
    private volatile boolean running;

    AgiServerRunner(VoiceProperties properties, Map<String, AgiScript> scripts) throws IOException {
        this.properties = properties;
        SimpleMappingStrategy mapping = new SimpleMappingStrategy();
        mapping.setMappings(scripts);
        // null: no fastagi.properties bundle; every setting comes from VoiceProperties.
        this.server = new DefaultAgiServer(null, mapping, NoStatusAgiChannel.FACTORY);
        // Threads kept ready for a burst of calls (a new one is started past these, up to the maximum).
        server.setPoolSize(properties.agiThreads());
        server.setMaximumPoolSize(Math.max(properties.agiThreads(), server.getMaximumPoolSize()));
        server.setAddress(InetAddress.getByName(properties.agiAddress()));
        server.setPort(properties.agiPort());
    }

    @Override
    public void start() {
        running = true;
        Thread thread = new Thread(() -> {
            try {
                server.startup();
            } catch (IOException | IllegalStateException e) {
                log.error("FastAGI server could not listen on {}:{}: {}", properties.agiAddress(), properties.agiPort(),
                        e.getMessage());
                running = false;
            }
        }, "fastagi");
        thread.setDaemon(true);
        thread.start();
        log.info("FastAGI server starting on {}:{}", properties.agiAddress(), properties.agiPort());
    }

    @Override
    public void stop() {
        if (running) {
            server.shutdown();
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
