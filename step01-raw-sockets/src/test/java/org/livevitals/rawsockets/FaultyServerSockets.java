package org.livevitals.rawsockets;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Listening sockets whose {@code accept} first fails a few times, as it does when the process is
 * out of file descriptors, and then hands over one connection that fails as the server sets it
 * up (as one reset by its peer at that moment does): the failures an accept loop must ride out.
 */
final class FaultyServerSockets extends UnboundServerSockets {

    private final AtomicInteger acceptFailuresLeft;
    private final AtomicInteger brokenConnectionsLeft = new AtomicInteger(1);

    FaultyServerSockets(int acceptFailures) {
        this.acceptFailuresLeft = new AtomicInteger(acceptFailures);
    }

    @Override
    public ServerSocket createServerSocket() throws IOException {
        return new ServerSocket() {
            @Override
            public Socket accept() throws IOException {
                if (acceptFailuresLeft.getAndDecrement() > 0) {
                    throw new IOException("Too many open files");
                }
                if (brokenConnectionsLeft.getAndDecrement() > 0) {
                    Socket broken = new FailingSetupSocket();
                    implAccept(broken);
                    return broken;
                }
                return super.accept();
            }
        };
    }

    /** A connected socket whose options cannot be set, as if it had just been closed under the server. */
    private static final class FailingSetupSocket extends Socket {
        @Override
        public void setSoTimeout(int timeout) throws SocketException {
            throw new SocketException("Socket is closed");
        }
    }
}
