package org.livevitals.cli;

import java.net.URI;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A WebSocket client's {@code --url}: the same option, with the same check, in every program that
 * opens a WebSocket. A command mixes it in with its own default and checks it first thing in
 * {@code call()}.
 */
public final class WebSocketUrl {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--url", description = "WebSocket URL, ws:// or wss:// (default: ${DEFAULT-VALUE}).")
    private URI url;

    public WebSocketUrl(URI defaultUrl) {
        this.url = defaultUrl;
    }

    /** Refuses, as picocli refuses a bad value, a URL a WebSocket client cannot open. */
    public void check() {
        Launcher.checkWebSocketUrl(command, "--url", url);
    }

    public URI url() {
        return url;
    }
}
