package io.dataivr.voice;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.Socket;
import org.asteriskjava.manager.internal.ManagerConnectionImpl;
import org.asteriskjava.util.SocketConnectionFacade;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An AMI session whose socket sends each action as it is written (TCP_NODELAY). asterisk-java leaves
 * Nagle's algorithm on, so an action written while the one before it waits for Asterisk's answer stays in
 * the kernel until that answer comes back: in the call set-up benchmark (bench/sip-call-setup.sh, ten
 * customers tapping at once) eight of ten voice links' DBPuts left in one segment, 5-7 ms after they were
 * written, behind the first one. asterisk-java offers no setting for it, so the option is set on the socket
 * its own facade opened (found by type: the facade keeps it in a private field); if a later asterisk-java
 * keeps it elsewhere, the session still works, with Nagle, and says so once in the log
 * ({@code PromptManagerConnectionTests} fails on such an upgrade).
 */
final class PromptManagerConnection extends ManagerConnectionImpl {

    private static final Logger log = LoggerFactory.getLogger(PromptManagerConnection.class);
    private static volatile boolean warned;

    PromptManagerConnection(String host, int port, String username, String secret) {
        setHostname(host);
        setPort(port);
        setUsername(username);
        setPassword(secret);
    }

    /** A session to the AMI address and user of {@code properties} (not logged in yet). */
    static PromptManagerConnection to(VoiceProperties properties) {
        return new PromptManagerConnection(properties.amiHost(), properties.amiPort(), properties.amiUsername(),
                properties.amiSecret());
    }

    @Override
    protected SocketConnectionFacade createSocket() throws IOException {
        SocketConnectionFacade facade = super.createSocket();
        Socket socket = socketOf(facade);
        if (socket != null) {
            socket.setTcpNoDelay(true);
        } else if (!warned) {
            warned = true;
            log.warn("no socket found in asterisk-java's {}: AMI actions are sent with Nagle's algorithm on",
                    facade.getClass().getName());
        }
        return facade;
    }

    /** The socket inside asterisk-java's facade, or null if it keeps none where this looks. */
    static Socket socketOf(SocketConnectionFacade facade) {
        for (Class<?> type = facade.getClass(); type != null; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Socket.class.isAssignableFrom(field.getType())) {
                    try {
                        field.setAccessible(true);
                        return (Socket) field.get(facade);
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        return null;
                    }
                }
            }
        }
        return null;
    }
}
