package org.livevitals.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A client's {@code --host} and {@code --port}, the server it connects to: the same two options,
 * with the same checks, in every program that dials a server. A command mixes them in with its own
 * default port and checks them first thing in {@code call()}:
 *
 * <pre>
 * &#64;Mixin
 * ServerAddress server = new ServerAddress(VitalsServer.DEFAULT_PORT);
 * </pre>
 */
public final class ServerAddress {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--host", description = "Server host (default: ${DEFAULT-VALUE}).")
    private String host = "localhost";

    @Option(names = "--port", description = "Server port (" + Ranges.PORT + ", default: ${DEFAULT-VALUE}).")
    private int port;

    public ServerAddress(int defaultPort) {
        this.port = defaultPort;
    }

    /** Refuses, as picocli refuses a bad value, a host that cannot be one and a port out of range. */
    public void check() {
        Launcher.checkHost(command, "--host", host);
        Launcher.checkRange(command, "--port", port, Ranges.PORT);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }
}
