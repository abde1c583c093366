package org.livevitals.broadcast;

import org.eclipse.jetty.websocket.server.WebSocketCreator;
import org.livevitals.rawsockets.VitalSigns;

/** Lab 3's stream: each reading goes out as it comes, and a dashboard that connects gets the snapshot. */
final class LiveStream implements DashboardStream {

    private final DashboardStream.Parts parts;
    private final ClientMessages clientMessages = new ClientMessages();

    LiveStream(DashboardStream.Parts parts) {
        this.parts = parts;
    }

    @Override
    public void onReading(VitalSigns reading) {
        parts.broadcaster().publish(reading);
    }

    @Override
    public WebSocketCreator endpoints() {
        return (request, response, callback) -> new DashboardEndpoint(parts.sessions(),
                () -> parts.messages().snapshot(parts.latest().all(), parts.settings().staleAfter()),
                clientMessages, parts.messages());
    }
}
