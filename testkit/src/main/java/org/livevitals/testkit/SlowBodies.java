package org.livevitals.testkit;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Clients that start a POST and then send its body very slowly: each sends the headers and the first byte of a
 * body of {@link #DECLARED_LENGTH} bytes, then nothing more until closed. A server that waits on one of its
 * threads for each body has that many threads fewer for everyone else (a "slow body" attack); one that reads
 * bodies as they come does not.
 */
public final class SlowBodies implements AutoCloseable {

    /** What each client says its body holds; it sends only the first byte. */
    public static final int DECLARED_LENGTH = 200;

    private final List<Socket> clients = new ArrayList<>();

    private SlowBodies() {}

    /**
     * Starts {@code count} such POSTs of {@code path} on {@code server}, with {@code contentType}.
     * Close the result to let them go.
     */
    public static SlowBodies start(URI server, String path, String contentType, int count) throws IOException {
        SlowBodies slow = new SlowBodies();
        try {
            for (int i = 0; i < count; i++) {
                Socket client = new Socket(server.getHost(), server.getPort());
                slow.clients.add(client);
                client.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + contentType
                        + "\r\nContent-Length: " + DECLARED_LENGTH + "\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
                client.getOutputStream().flush();
            }
        } catch (IOException | RuntimeException e) {
            slow.close();
            throw e;
        }
        return slow;
    }

    @Override
    public void close() {
        for (Socket client : clients) {
            try {
                client.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        clients.clear();
    }
}
