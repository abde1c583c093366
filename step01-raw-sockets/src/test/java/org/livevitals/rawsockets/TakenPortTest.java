package org.livevitals.rawsockets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.BindException;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A server whose port another program holds says which port, and leaves nothing open behind it. */
class TakenPortTest {

    @Test
    void theVitalsServerNamesTheTakenPortAndClosesTheSocketItCouldNotBind() throws IOException {
        RecordingServerSockets sockets = new RecordingServerSockets();
        try (ServerSocket taken = new ServerSocket(0)) {
            VitalsServer server = new VitalsServer(taken.getLocalPort(), ServerLimits.DEFAULTS, reading -> { },
                    Clock.systemUTC(), sockets);

            assertThatThrownBy(server::start)
                    .isInstanceOf(PortInUseException.class)
                    .hasMessage("port " + taken.getLocalPort() + " is already in use (another server running?)")
                    .satisfies(failure -> assertThat(((PortInUseException) failure).port()).isEqualTo(taken.getLocalPort()));
            assertThat(sockets.created).as("listening sockets made").singleElement()
                    .satisfies(socket -> assertThat(socket.isClosed()).as("closed after the failed bind").isTrue());
            server.close(); // nothing to stop, and no failure either
        }
    }

    @Test
    void aBindExceptionWrappedAsJettyWrapsItIsFoundAndAnyOtherFailureIsLeftAlone() {
        IOException jettys = new IOException("Failed to bind to 0.0.0.0/0.0.0.0:8080", new BindException("Address already in use"));
        IOException other = new IOException("Permission denied");

        assertThat(PortInUseException.ifBindFailure(jettys, 8080)).isInstanceOf(PortInUseException.class)
                .hasMessageStartingWith("port 8080 is already in use").hasCause(jettys);
        assertThat(PortInUseException.ifBindFailure(other, 8080)).isSameAs(other);
    }

    /** The default sockets, each remembered so the test can see that it was closed. */
    private static final class RecordingServerSockets extends UnboundServerSockets {

        final List<ServerSocket> created = new CopyOnWriteArrayList<>();

        @Override
        public ServerSocket createServerSocket() throws IOException {
            ServerSocket socket = new ServerSocket();
            created.add(socket);
            return socket;
        }
    }
}
