package org.livevitals.rawsockets;

import java.net.BindException;

/**
 * A server could not listen because another program holds its port. It carries the port, so a
 * program that listens on two (Lab 3: HTTP and devices) can say which one, and which option
 * changes it ({@link org.livevitals.cli.Launcher}).
 */
public final class PortInUseException extends BindException {

    private final int port;

    public PortInUseException(int port, Throwable cause) {
        super("port " + port + " is already in use (another server running?)");
        this.port = port;
        initCause(cause);
    }

    /** The port that was asked for and is taken. */
    public int port() {
        return port;
    }

    /**
     * {@code failure} as a PortInUseException when a {@link BindException} is among its causes, or
     * else {@code failure} itself. Jetty wraps the BindException in an IOException of its own
     * ("Failed to bind to 0.0.0.0/0.0.0.0:8080"), so the whole chain is searched.
     */
    public static Exception ifBindFailure(Exception failure, int port) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return new PortInUseException(port, failure);
            }
        }
        return failure;
    }
}
