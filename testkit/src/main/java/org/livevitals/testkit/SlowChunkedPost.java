package org.livevitals.testkit;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A client still sending its body when the server decides to refuse it. It sends a chunked JSON POST
 * in two parts and checks that the server does not answer (and close) before the second: a server that
 * answered at once would leave a real client writing into a closed connection, and one that fails on
 * that write never reads the answer (Java's {@code HttpClient} does).
 */
public final class SlowChunkedPost {

    private SlowChunkedPost() {}

    /**
     * The whole answer to a POST of {@code path} on {@code server}, with {@code Connection: close}.
     *
     * @param firstChunk sent with the headers, as one chunk
     * @param lastChunk  sent as the last chunk, once no answer came for 300 ms
     */
    public static String answer(URI server, String path, String firstChunk, String lastChunk) throws IOException {
        try (Socket client = new Socket(server.getHost(), server.getPort())) {
            OutputStream out = client.getOutputStream();
            InputStream in = client.getInputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + chunk(firstChunk))
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            await("no answer before the body is whole").during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                    .until(() -> in.available() == 0);
            out.write((chunk(lastChunk) + "0\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String chunk(String text) {
        return Integer.toHexString(text.getBytes(StandardCharsets.UTF_8).length) + "\r\n" + text + "\r\n";
    }
}
