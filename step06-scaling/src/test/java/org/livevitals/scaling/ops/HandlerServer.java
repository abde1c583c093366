package org.livevitals.scaling.ops;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.eclipse.jetty.http.pathmap.PathSpec;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.PathMappingsHandler;

/**
 * A bare Jetty on a free port serving a few handlers by path, for the unit tests of this package's APIs
 * (the scenario tests use a whole node), with an HTTP client to call them. Closes both.
 */
final class HandlerServer implements AutoCloseable {

    static final Duration PATIENCE = Duration.ofSeconds(10);

    private final Server jetty = new Server();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(PATIENCE).build();

    HandlerServer(Map<String, Handler> routes) throws Exception {
        ServerConnector connector = new ServerConnector(jetty);
        connector.setPort(0);
        jetty.addConnector(connector);
        PathMappingsHandler mappings = new PathMappingsHandler();
        routes.forEach((path, handler) -> mappings.addMapping(PathSpec.from(path), handler));
        jetty.setHandler(mappings);
        jetty.start();
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort() + path);
    }

    HttpResponse<String> get(String path, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(PATIENCE).GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws Exception {
        return get(path, null);
    }

    HttpResponse<String> send(String method, String path, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(PATIENCE)
                .method(method, HttpRequest.BodyPublishers.ofString("{}"));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws Exception {
        jetty.stop();
    }
}
