package org.livevitals.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An HTTP GET written byte for byte, for a request target that Java's own clients refuse to send: a
 * {@link URI} cannot hold a broken {@code %} escape ({@code ?limit=%zz}), but a probe on the network
 * sends one all the same, and the server must answer it.
 */
public final class RawHttp {

    /** How long a test waits for the answer's bytes before it gives up. */
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final byte[] CRLF = "\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CRLF_CRLF = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private RawHttp() {}

    /** What the server answered {@code target}: the status, the headers (names in lower case) and the body as text. */
    public record Answer(String target, int status, Map<String, String> headers, String body) {

        /** A header's value by its case-insensitive name, or {@code "none"}. */
        public String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "none");
        }

        /** Asserts that this is the course's error answer: {@code status}, JSON, {@code {"type":"error","reason":reason}}. */
        public void assertJsonError(int status, String reason) {
            String what = "GET " + target + ": " + status() + " " + body;
            assertThat(status()).as(what).isEqualTo(status);
            assertThat(header("Content-Type")).as(what).startsWith("application/json");
            JsonNode error = JSON.readTree(body);
            assertThat(error.path("type").asString()).as(what).isEqualTo("error");
            assertThat(error.path("reason").asString()).as(what).isEqualTo(reason);
        }
    }

    /**
     * {@code GET target} on {@code server}, exactly as written, with {@code Connection: close}.
     *
     * @param target  the path and query, sent as they are
     * @param headers more header lines, such as {@code Authorization}
     */
    public static Answer get(URI server, String target, Map<String, String> headers) throws IOException {
        try (Socket client = new Socket(server.getHost(), server.getPort())) {
            client.setSoTimeout((int) PATIENCE.toMillis());
            StringBuilder request = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
            headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            OutputStream out = client.getOutputStream();
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return parse(target, client.getInputStream());
        }
    }

    private static Answer parse(String target, InputStream in) throws IOException {
        byte[] all = in.readAllBytes();
        int end = indexOf(all, CRLF_CRLF, 0);
        if (end < 0) {
            throw new IOException("no whole HTTP answer: " + new String(all, StandardCharsets.UTF_8));
        }
        String[] lines = new String(all, 0, end, StandardCharsets.US_ASCII).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        byte[] body = Arrays.copyOfRange(all, end + CRLF_CRLF.length, all.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = unchunked(body);
        }
        return new Answer(target, Integer.parseInt(lines[0].split(" ")[1]), headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] unchunked(byte[] chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int lineEnd = indexOf(chunked, CRLF, at);
            String sizeLine = new String(chunked, at, lineEnd - at, StandardCharsets.US_ASCII);
            int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
            if (size == 0) {
                return body.toByteArray();
            }
            body.write(chunked, lineEnd + CRLF.length, size);
            at = lineEnd + CRLF.length + size + CRLF.length;
        }
    }

    private static int indexOf(byte[] bytes, byte[] wanted, int from) {
        for (int i = from; i + wanted.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + wanted.length, wanted, 0, wanted.length)) {
                return i;
            }
        }
        return -1;
    }
}
