package org.livevitals.broadcast;

import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;

/**
 * Reads the query of a request's URL so that one a client wrote badly is a bad parameter like any other.
 *
 * <p>Jetty decodes a query only when asked ({@link Request#extractQueryParameters}), and one that is not
 * percent-encoded UTF-8 ({@code ?limit=%zz}, a lone {@code %}, {@code %ff}) then fails with Jetty's own
 * exception. Left to escape a handler, it becomes Jetty's HTML error page: a JSON API would answer in
 * another format than every other error it gives, and a refused handshake would go unaudited. Here it
 * becomes an {@link IllegalArgumentException} with a reason the client can act on, which is how every
 * API of the course already reports a bad parameter, so each caller answers it as it answers the others.
 */
public final class QueryParameters {

    /** The reason for a query that cannot be decoded: what is wrong with it, never the query itself. */
    public static final String UNREADABLE =
            "the query cannot be read: it must be UTF-8, with each % followed by two hex digits (a space is %20)";

    private QueryParameters() {}

    /**
     * The parameters of {@code request}'s query, decoded; none when it has no query.
     *
     * @throws IllegalArgumentException with {@link #UNREADABLE} when the query is not percent-encoded UTF-8
     */
    public static Fields of(Request request) {
        try {
            return Request.extractQueryParameters(request);
        } catch (RuntimeException e) {
            // Jetty says "the client's request is bad" with an HttpException carrying 400; anything else
            // is not the client's doing and goes on as it was.
            if (e instanceof HttpException refused && refused.getCode() == HttpStatus.BAD_REQUEST_400) {
                throw new IllegalArgumentException(UNREADABLE, e);
            }
            throw e;
        }
    }
}
