package org.livevitals.echo;

import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Components;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.Context;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpStream;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Session;
import org.eclipse.jetty.server.TunnelSupport;
import org.eclipse.jetty.util.Callback;

/**
 * Hands Jetty's WebSocket upgrade a request, a response and a callback that let go of the HTTP exchange once it is
 * over, so that an open session no longer keeps its HTTP/1.1 connection, parser and channel alive.
 *
 * <p>Jetty's API session keeps a copy of its upgrade for {@code Session.getUpgradeRequest()} and
 * {@code getUpgradeResponse()} for as long as it is open. In Jetty 12.1.14 that copy still reaches the HTTP objects
 * the upgrade came through: the request's header fields keep the parser (some are the parser's own inner class) and
 * the channel's compliance listener, and the copy of the response keeps a view of the response headers that leads to
 * the upgrade's own request, response and callback. Letting go of them saves about 2.4 KB of heap a session, a
 * quarter of what an idle dashboard cost (labs/performance.md, "Where an idle connection's memory goes"); the fix
 * belongs in Jetty.
 *
 * <p>Until then, this handler stands in front of the upgrade. The upgrade sees plain copies of the request's headers,
 * and a request, response and callback that pass everything on to Jetty's until the callback completes, which is the
 * end of the HTTP exchange (Jetty's request and response must not be used after it). Then they forget Jetty's, and
 * what the session keeps reaches only the copies. Plain HTTP requests pass through untouched.
 */
public final class DetachedUpgradeHandler extends Handler.Wrapper {

    public DetachedUpgradeHandler(Handler upgrade) {
        super(upgrade);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!isWebSocketUpgrade(request)) {
            return super.handle(request, response, callback);
        }
        DetachedRequest upgradeRequest = new DetachedRequest(request);
        DetachedResponse upgradeResponse = new DetachedResponse(upgradeRequest, response);
        return super.handle(upgradeRequest, upgradeResponse, new DetachingCallback(callback, upgradeRequest, upgradeResponse));
    }

    /**
     * An HTTP/1.1 handshake (a {@code GET} with {@code Upgrade: websocket}) or an HTTP/2 one (RFC 8441's
     * {@code CONNECT}). Anything else, even with the header, reaches the routes as Jetty made it.
     */
    private static boolean isWebSocketUpgrade(Request request) {
        return HttpMethod.GET.is(request.getMethod()) && request.getHeaders().contains(HttpHeader.UPGRADE, "websocket")
                || HttpMethod.CONNECT.is(request.getMethod());
    }

    /**
     * Drops the query from what the session will keep of {@code upgrade}'s URI, once its endpoint has read it: a
     * query can carry a secret spent at the handshake (Lab 5's ticket), and Jetty's copy would keep it for the
     * session's whole life. Does nothing to a request that did not come through this handler.
     */
    public static void forgetQuery(Request upgrade) {
        DetachedRequest request = Request.as(upgrade, DetachedRequest.class);
        if (request != null) {
            request.uri = HttpURI.build(request.uri).query(null).asImmutable();
        }
    }

    /** The request's header fields as plain {@link HttpField}s, which keep nothing but their names and values. */
    static HttpFields plainCopy(HttpFields headers) {
        return HttpFields.from(headers.stream()
                .map(field -> new HttpField(field.getHeader(), field.getName(), field.getValue()))
                .toArray(HttpField[]::new));
    }

    private static IllegalStateException over() {
        return new IllegalStateException("the HTTP exchange of this WebSocket upgrade is over");
    }

    /**
     * Completes Jetty's callback, then lets the request and response forget the exchange. The core upgrade keeps its
     * callback too, so this one forgets Jetty's as well.
     */
    private static final class DetachingCallback implements Callback {

        private final AtomicReference<Callback> exchange;
        private final DetachedRequest request;
        private final DetachedResponse response;

        DetachingCallback(Callback exchange, DetachedRequest request, DetachedResponse response) {
            this.exchange = new AtomicReference<>(exchange);
            this.request = request;
            this.response = response;
        }

        /** Completes Jetty's callback once, then forgets the exchange; a second completion finds nothing to do. */
        @Override
        public void succeeded() {
            Callback callback = exchange.getAndSet(null);
            if (callback != null) {
                try {
                    callback.succeeded();
                } finally {
                    forget();
                }
            }
        }

        @Override
        public void failed(Throwable failure) {
            Callback callback = exchange.getAndSet(null);
            if (callback != null) {
                try {
                    callback.failed(failure);
                } finally {
                    forget();
                }
            }
        }

        private void forget() {
            request.detach();
            response.detach();
        }

        @Override
        public InvocationType getInvocationType() {
            Callback callback = exchange.get();
            return callback == null ? InvocationType.NON_BLOCKING : callback.getInvocationType();
        }
    }

    /**
     * A response that passes everything on to Jetty's until {@link #detach}. A {@link Response.Wrapper} keeps what it
     * wraps in fields of its own, so this one gives it none and answers {@link #getWrapped} itself.
     */
    private static final class DetachedResponse extends Response.Wrapper {

        private final DetachedRequest request;
        private volatile Response exchange;

        DetachedResponse(DetachedRequest request, Response exchange) {
            super(null, null);
            this.request = request;
            this.exchange = exchange;
        }

        void detach() {
            exchange = null;
        }

        @Override
        public Request getRequest() {
            return request;
        }

        @Override
        public Response getWrapped() {
            Response response = exchange;
            if (response == null) {
                throw over();
            }
            return response;
        }

        @Override
        public String toString() {
            return "DetachedResponse{" + (exchange == null ? "detached" : exchange) + "}";
        }
    }

    /**
     * A request that passes everything on to Jetty's until {@link #detach}, except its headers, which are a plain copy,
     * and its URI, which can forget its query. It implements {@link Request} rather than extending
     * {@link Request.Wrapper}, because a wrapper must keep what it wraps for good.
     */
    private static final class DetachedRequest implements Request {

        private final HttpFields headers;
        private volatile HttpURI uri;
        private volatile Request exchange;

        DetachedRequest(Request exchange) {
            this.exchange = exchange;
            this.headers = plainCopy(exchange.getHeaders());
            this.uri = exchange.getHttpURI();
        }

        void detach() {
            exchange = null;
        }

        private Request exchange() {
            Request request = exchange;
            if (request == null) {
                throw over();
            }
            return request;
        }

        @Override
        public HttpFields getHeaders() {
            return headers;
        }

        @Override
        public HttpURI getHttpURI() {
            return uri;
        }

        @Override
        public String getId() {
            return exchange().getId();
        }

        @Override
        public Components getComponents() {
            return exchange().getComponents();
        }

        @Override
        public ConnectionMetaData getConnectionMetaData() {
            return exchange().getConnectionMetaData();
        }

        @Override
        public String getMethod() {
            return exchange().getMethod();
        }

        @Override
        public Context getContext() {
            return exchange().getContext();
        }

        @Override
        public HttpFields getTrailers() {
            return exchange().getTrailers();
        }

        @Override
        public long getBeginNanoTime() {
            return exchange().getBeginNanoTime();
        }

        @Override
        public long getHeadersNanoTime() {
            return exchange().getHeadersNanoTime();
        }

        @Override
        public boolean isSecure() {
            return exchange().isSecure();
        }

        @Override
        public long getLength() {
            return exchange().getLength();
        }

        @Override
        public Content.Chunk read() {
            return exchange().read();
        }

        @Override
        public boolean consumeAvailable() {
            return exchange().consumeAvailable();
        }

        @Override
        public void demand(Runnable demandCallback) {
            exchange().demand(demandCallback);
        }

        @Override
        public void fail(Throwable failure) {
            exchange().fail(failure);
        }

        @Override
        public void addIdleTimeoutListener(Predicate<TimeoutException> onIdleTimeout) {
            exchange().addIdleTimeoutListener(onIdleTimeout);
        }

        @Override
        public void addFailureListener(Consumer<Throwable> onFailure) {
            exchange().addFailureListener(onFailure);
        }

        @Override
        public TunnelSupport getTunnelSupport() {
            return exchange().getTunnelSupport();
        }

        @Override
        public void addHttpStreamWrapper(Function<HttpStream, HttpStream> wrapper) {
            exchange().addHttpStreamWrapper(wrapper);
        }

        @Override
        public Session getSession(boolean create) {
            return exchange().getSession(create);
        }

        @Override
        public Object removeAttribute(String name) {
            return exchange().removeAttribute(name);
        }

        @Override
        public Object setAttribute(String name, Object attribute) {
            return exchange().setAttribute(name, attribute);
        }

        @Override
        public Object getAttribute(String name) {
            return exchange().getAttribute(name);
        }

        @Override
        public Set<String> getAttributeNameSet() {
            return exchange().getAttributeNameSet();
        }

        @Override
        public String toString() {
            return "DetachedRequest{" + (exchange == null ? "detached " + uri : exchange) + "}";
        }
    }
}
