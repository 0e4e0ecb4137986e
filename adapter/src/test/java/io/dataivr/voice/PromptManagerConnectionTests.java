package io.dataivr.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.asteriskjava.util.SocketConnectionFacade;
import org.asteriskjava.util.internal.SocketConnectionFacadeImpl;
import org.junit.jupiter.api.Test;

/** The AMI sessions' sockets send each action at once (no Nagle), on a loopback listener of the test's own. */
class PromptManagerConnectionTests {

    @Test
    void theSessionsSocketHasNaglesAlgorithmOff() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            PromptManagerConnection connection = new PromptManagerConnection("127.0.0.1", listener.getLocalPort(),
                    "user", "secret");
            SocketConnectionFacade facade = connection.createSocket();
            try (Socket accepted = listener.accept()) {
                Socket socket = PromptManagerConnection.socketOf(facade);
                assertThat(socket).as("the socket inside asterisk-java's facade (an upgrade moved it?)").isNotNull();
                assertThat(socket.getTcpNoDelay()).isTrue();
                assertThat(socket.getLocalPort()).isEqualTo(accepted.getPort());
                facade.write("Action: Ping\r\n\r\n");
                facade.flush();
                byte[] received = accepted.getInputStream().readNBytes("Action: Ping\r\n\r\n".length());
                assertThat(new String(received, StandardCharsets.UTF_8)).isEqualTo("Action: Ping\r\n\r\n");
            } finally {
                facade.close();
            }
        }
    }

    @Test
    void asteriskJavasOwnFacadeLeavesNaglesAlgorithmOn() throws Exception {
        // Why the class exists: if a later asterisk-java turns it off itself, PromptManagerConnection can go.
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            SocketConnectionFacade facade = new SocketConnectionFacadeImpl("127.0.0.1", listener.getLocalPort(), false,
                    2000, 2000);
            try (Socket accepted = listener.accept()) {
                assertThat(PromptManagerConnection.socketOf(facade).getTcpNoDelay()).isFalse();
            } finally {
                facade.close();
            }
        }
    }
}
