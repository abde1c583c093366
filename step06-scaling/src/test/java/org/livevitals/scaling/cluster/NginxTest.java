package org.livevitals.scaling.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lab 6: nginx run the launcher's way, on the rendered template, in front of two stand-in nodes (the JDK's
 * HTTP server answering with its name): round robin, a stopped node skipped, a graceful stop.
 */
class NginxTest {

    /** Enough requests that round robin over two nodes must have used both. */
    private static final int REQUESTS = 6;
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path prefix;

    private final List<HttpServer> nodes = new ArrayList<>();
    private final List<String> printed = new CopyOnWriteArrayList<>();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(PATIENCE).build();
    private Nginx nginx;

    @AfterEach
    void stopEverything() {
        if (nginx != null) {
            nginx.stop();
        }
        nodes.forEach(node -> node.stop(0));
    }

    private HttpServer node(String name) throws IOException {
        HttpServer node = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        node.createContext("/", exchange -> {
            byte[] body = name.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        node.start();
        nodes.add(node);
        return node;
    }

    private int startNginxInFrontOf(HttpServer... upstream) {
        Path executable = NginxFixture.nginxOrSkip();
        int port = NginxFixture.freePort();
        List<String> addresses = new ArrayList<>();
        for (HttpServer node : upstream) {
            addresses.add("127.0.0.1:" + node.getAddress().getPort());
        }
        NginxConfig.writeTo(prefix, NginxConfig.render(NginxFixture.template(), port, addresses));
        nginx = Nginx.start(executable, prefix, printed::add);
        return port;
    }

    private List<String> answers(int port, int requests) throws Exception {
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                    .timeout(PATIENCE).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("request %d through nginx: %s", i, response.body()).isEqualTo(200);
            answers.add(response.body());
        }
        return answers;
    }

    @Test
    void requestsGoRoundRobinAndAStoppedNodeIsSkipped() throws Exception {
        HttpServer first = node("n1");
        HttpServer second = node("n2");
        int port = startNginxInFrontOf(first, second);

        assertThat(answers(port, REQUESTS)).as("which node answered each request").contains("n1", "n2");

        second.stop(0);
        assertThat(answers(port, REQUESTS)).as("which node answered each request once n2 is down").containsOnly("n1");
        assertThat(Files.readString(prefix.resolve("logs/access.log"))).as("the access log, naming the nodes tried")
                .contains("127.0.0.1:" + first.getAddress().getPort());
    }

    @Test
    void anUpgradeToAnythingButWebSocketIsNotPassedOn() throws Exception {
        HttpServer node = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        node.createContext("/", exchange -> {
            byte[] body = String.valueOf(exchange.getRequestHeaders().getFirst("Upgrade")).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        node.start();
        nodes.add(node);
        int port = startNginxInFrontOf(node);

        // Java's HttpClient prefers HTTP/2, so on http:// it offers "Upgrade: h2c" with its first request.
        HttpClient http2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).connectTimeout(PATIENCE).build();
        HttpResponse<String> response = http2.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(PATIENCE).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.body()).as("the Upgrade header the node received").isEqualTo("null");
    }

    @Test
    void aGracefulStopClosesThePortAndEndsNginx() throws Exception {
        int port = startNginxInFrontOf(node("n1"));
        assertThat(answers(port, 1)).containsExactly("n1");

        nginx.stop();

        assertThat(nginx.isAlive()).as("nginx after its stop").isFalse();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(refusesConnections(port)).as("port %d", port).isTrue());
    }

    @Test
    void nginxThatCannotListenSaysWhy() throws Exception {
        Path executable = NginxFixture.nginxOrSkip();
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
            NginxConfig.writeTo(prefix, NginxConfig.render(NginxFixture.template(), taken.getLocalPort(), List.of("127.0.0.1:9")));

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Nginx.start(executable, prefix, printed::add))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("nginx exited").hasMessageContaining("Address already in use");
        }
    }

    private static boolean refusesConnections(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return false;
        } catch (ConnectException refused) {
            return true;
        } catch (IOException other) {
            return false;
        }
    }
}
