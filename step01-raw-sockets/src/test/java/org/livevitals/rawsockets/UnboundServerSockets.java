package org.livevitals.rawsockets;

import java.net.InetAddress;
import java.net.ServerSocket;
import javax.net.ServerSocketFactory;

/**
 * Listening sockets for a {@link VitalsServer} under test. The server asks only for an unbound
 * socket and binds it itself (so that it can set {@code SO_REUSEADDR} first); a test overrides
 * {@link #createServerSocket()} to hand it one that misbehaves or is watched.
 */
abstract class UnboundServerSockets extends ServerSocketFactory {

    @Override
    public ServerSocket createServerSocket(int port) {
        throw new UnsupportedOperationException("the server binds the socket itself");
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) {
        throw new UnsupportedOperationException("the server binds the socket itself");
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress address) {
        throw new UnsupportedOperationException("the server binds the socket itself");
    }
}
