package org.livevitals.security;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The pages allowed to open a dashboard session: the defence against cross-site WebSocket hijacking.
 *
 * <p>A browser sends the {@code Origin} of the page that opens a WebSocket, and a page cannot forge
 * it. A page on another site that tried to open a session is refused with 403 before the upgrade. The
 * allowed origins are the server's own addresses (its HTTP and TLS ports on {@code localhost} and
 * {@code 127.0.0.1}, known only once it listens) and those configured with {@code --allow-origin}
 * (a load balancer's address, Lab 6). Not "the same as the Host header": a DNS-rebinding page makes
 * its Origin and Host agree.
 *
 * <p>A request with no {@code Origin} is not from a browser page (a console client, the load test) and
 * is let through: it still needs a ticket, and a ticket is never sent by a browser on its own the way a
 * cookie is, which is what a hijacking page would count on.
 */
public final class Origins {

    private final Set<String> configured;
    private final Supplier<List<String>> ownOrigins;

    /**
     * @param configured origins allowed besides the server's own, e.g. {@code https://monitor.example.org}
     * @param ownOrigins the server's own origins, asked at each handshake (its ports are known once it listens)
     */
    public Origins(Set<String> configured, Supplier<List<String>> ownOrigins) {
        Set<String> normalized = new HashSet<>();
        configured.forEach(origin -> normalized.add(normalize(origin)));
        this.configured = Set.copyOf(normalized);
        this.ownOrigins = ownOrigins;
    }

    /** Whether a handshake with this {@code Origin} header (null when absent) may go on. */
    public boolean allows(String origin) {
        if (origin == null) {
            return true;
        }
        String asked = normalize(origin);
        return configured.contains(asked) || ownOrigins.get().contains(asked);
    }

    /** The server's origins on {@code port} (http) and {@code tlsPort} (https, or -1 for none). */
    public static List<String> local(int port, int tlsPort) {
        List<String> origins = new java.util.ArrayList<>(List.of("http://localhost:" + port, "http://127.0.0.1:" + port));
        if (tlsPort > 0) {
            origins.add("https://localhost:" + tlsPort);
            origins.add("https://127.0.0.1:" + tlsPort);
        }
        return origins;
    }

    /** Scheme and host are case-insensitive; a trailing slash is not part of an origin. */
    private static String normalize(String origin) {
        String trimmed = origin.trim().toLowerCase(Locale.ROOT);
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
