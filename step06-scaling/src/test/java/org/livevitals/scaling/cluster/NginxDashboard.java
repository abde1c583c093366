package org.livevitals.scaling.cluster;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import tools.jackson.databind.JsonNode;

/**
 * A doctor's dashboard session through nginx, doing what the page does: open with a fresh ticket, and
 * after its connection dies, come back (through the same address) asking to resume after the last
 * message it saw. It keeps the pulses of the readings it received, once each, in order.
 */
public final class NginxDashboard implements Session.Listener.AutoDemanding {

    private final String name;
    private String epoch;
    private long lastSeq;
    private final List<Integer> pulses = new ArrayList<>();
    private final List<String> recoveries = new ArrayList<>();
    private boolean open;
    private int closeCode;

    NginxDashboard(String name) {
        this.name = name;
    }

    /** Opens the session through nginx at {@code entry}: a resume once it has seen a snapshot. */
    void connect(WebSocketClient client, URI entry, String ticket) throws Exception {
        String resume;
        synchronized (this) {
            resume = epoch == null ? "" : "&epoch=" + epoch + "&lastSeq=" + lastSeq;
        }
        URI url = URI.create("ws://" + entry.getHost() + ":" + entry.getPort() + "/ws?ticket=" + ticket + resume);
        client.connect(this, url).get(NginxCluster.PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public synchronized void onWebSocketOpen(Session session) {
        open = true;
    }

    @Override
    public synchronized void onWebSocketText(String text) {
        JsonNode message = NginxCluster.JSON.readTree(text);
        String type = message.path("type").asString();
        if ("snapshot".equals(type)) {
            epoch = message.path("epoch").asString();
            lastSeq = message.path("seq").asLong();
        } else if ("recovery".equals(type)) {
            recoveries.add(message.path("recovered").asBoolean() ? "recovered" : "not recovered: " + message.path("reason").asString());
            if (message.path("recovered").asBoolean()) {
                epoch = message.path("epoch").asString();
                message.path("missed").forEach(this::streamed);
                lastSeq = Math.max(lastSeq, message.path("seq").asLong());
            }
        } else if (message.has("seq")) {
            streamed(message);
        }
    }

    private void streamed(JsonNode message) {
        long seq = message.path("seq").asLong();
        if (seq <= lastSeq) {
            return; // seen already
        }
        lastSeq = seq;
        if ("reading".equals(message.path("type").asString())) {
            pulses.add(message.path("vitals").path("heartRate").path("value").asInt());
        }
    }

    @Override
    public synchronized void onWebSocketClose(int statusCode, String reason) {
        open = false;
        closeCode = statusCode;
    }

    @Override
    public synchronized void onWebSocketError(Throwable cause) {
        open = false;
    }

    synchronized boolean isOpen() {
        return open;
    }

    synchronized int closeCode() {
        return closeCode;
    }

    synchronized List<Integer> pulses() {
        return new ArrayList<>(pulses);
    }

    synchronized List<String> recoveries() {
        return new ArrayList<>(recoveries);
    }

    @Override
    public String toString() {
        return name;
    }
}
