package org.livevitals.loadtest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;
import org.eclipse.jetty.websocket.core.server.WebSocketUpgradeHandler;
import org.livevitals.broadcast.DashboardMessages;
import org.livevitals.broadcast.MonitorServer;
import org.livevitals.echo.WebSocketServer;
import org.livevitals.rawsockets.VitalSigns;

/**
 * A comparison, not the course's server: the same broadcast written on Jetty's core WebSocket API,
 * with no Jetty API session above each connection.
 *
 * <p>The Jetty API session keeps a copy of the upgrade request and response, and through them
 * the connection's HTTP objects (labs/performance.md, "Where an idle connection's memory goes").
 * This target measures what a server without that layer holds per connection. It sends like
 * Lab 3's broadcaster (serialize and encode once, one asynchronous frame per session, evict on
 * failure) on the publisher's thread alone, and ignores whatever clients send. It runs on the same
 * bounded thread pool as every lab's server ({@link WebSocketServer#MAX_POOL_THREADS}), so the two
 * compare like for like.
 */
final class CoreWebSocketTarget implements BroadcastTarget {

    private final DashboardMessages messages = new DashboardMessages();
    private final Server jetty = new Server(new QueuedThreadPool(WebSocketServer.MAX_POOL_THREADS));
    private final ServerConnector connector = new ServerConnector(jetty);
    private final Set<CoreSession> sessions = ConcurrentHashMap.newKeySet();

    CoreWebSocketTarget(int port) throws Exception {
        connector.setPort(port);
        connector.setAcceptQueueSize(MonitorServer.ACCEPT_QUEUE);
        jetty.addConnector(connector);
        WebSocketUpgradeHandler webSockets = new WebSocketUpgradeHandler();
        webSockets.addMapping(MonitorServer.WEBSOCKET_PATH, WebSocketNegotiator.from(
                (request, response, callback) -> {
                    response.setExtensions(List.of()); // declines compression, as the course's servers do
                    return new Dashboard();
                }, (dashboard, request, response) -> (FrameHandler) dashboard));
        jetty.setHandler(webSockets);
        jetty.start();
    }

    /** One connection: joins the set when open, leaves it when closed. */
    private final class Dashboard implements FrameHandler {
        private CoreSession session;

        @Override
        public void onOpen(CoreSession coreSession, Callback callback) {
            session = coreSession;
            sessions.add(coreSession);
            callback.succeeded();
        }

        @Override
        public void onFrame(Frame frame, Callback callback) {
            callback.succeeded(); // the generator sends nothing but pongs and its close
        }

        @Override
        public void onError(Throwable cause, Callback callback) {
            sessions.remove(session);
            callback.succeeded();
        }

        @Override
        public void onClosed(CloseStatus closeStatus, Callback callback) {
            sessions.remove(session);
            callback.succeeded();
        }
    }

    @Override
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public int connections() {
        return sessions.size();
    }

    @Override
    public void publish(long pub, long dueMicros, VitalSigns reading) {
        sendToAll(Publication.stamp(messages.reading(reading), pub, dueMicros));
    }

    @Override
    public void sendToAll(String json) {
        ByteBuffer utf8 = ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8));
        for (CoreSession session : sessions) {
            session.sendFrame(new Frame(OpCode.TEXT, utf8.slice()), Callback.from(() -> { }, failure -> {
                sessions.remove(session);
                session.abort();
            }), false);
        }
    }

    @Override
    public void close() throws Exception {
        jetty.stop();
    }
}
