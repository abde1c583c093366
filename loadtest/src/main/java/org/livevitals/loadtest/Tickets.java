package org.livevitals.loadtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How the generator's dashboards get into Lab 5's server, the way a browser page does: sign in over
 * HTTP ({@code POST /api/login}) once per user, then ask for a ticket ({@code POST /api/tickets} with
 * the sign-in token) for each dashboard just before it connects, and connect to {@code /ws?ticket=...}.
 *
 * <p>Over HTTP, not minted inside the server: the server runs in a process of its own (its CPU is
 * measured apart from the generator's, and 10,000 connections need two processes' open files), and
 * this way the tickets cost the server what they cost it in use. A sign-in checks an Argon2 hash
 * (about 60 ms, at most four at once), so it is done once per user; a ticket is a signature, cheap,
 * and good for one handshake within 30 seconds, so it is asked for one dashboard at a time, on the
 * generator's thread, right before the upgrade request that spends it.
 */
final class Tickets {

    /** A demo user of Lab 5 (their passwords are in the lab, for anyone to read). */
    record User(String username, String password) {}

    /** The demo doctor: sees every patient, so every dashboard is sent every reading, as in Labs 3 and 4. */
    static final User DOCTOR = new User("dr.lee", "doctor-demo");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI base;
    /** The sign-in token of each dashboard's user, taken in turn. */
    private final List<String> tokens;
    private int next;
    private long issued;
    private long nanos;

    private Tickets(URI base, List<String> tokens) {
        this.base = base;
        this.tokens = tokens;
    }

    /** Signs each of {@code audience} in once; dashboard n is then {@code audience[n % size]}. */
    static Tickets signIn(int port, List<User> audience) throws IOException, InterruptedException {
        Tickets tickets = new Tickets(URI.create("http://127.0.0.1:" + port), new ArrayList<>());
        Map<User, String> signedIn = new java.util.HashMap<>();
        for (User user : audience) {
            String token = signedIn.get(user);
            if (token == null) {
                byte[] credentials = BenchServer.JSON.writeValueAsBytes(
                        Map.of("username", user.username(), "password", user.password()));
                token = tickets.post("/api/login", HttpRequest.BodyPublishers.ofByteArray(credentials), null, "token");
                signedIn.put(user, token);
            }
            tickets.tokens.add(token);
        }
        return tickets;
    }

    /** A fresh ticket for the next dashboard; called on the generator's one thread. */
    String next() {
        long start = System.nanoTime();
        try {
            String ticket = post("/api/tickets", HttpRequest.BodyPublishers.noBody(), tokens.get(next), "ticket");
            next = (next + 1) % tokens.size();
            issued++;
            nanos += System.nanoTime() - start;
            return ticket;
        } catch (IOException e) {
            throw new UncheckedIOException("no ticket: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking for a ticket", e);
        }
    }

    /** Tickets issued so far, and the generator's time waiting for them (the server's answer included). */
    long issued() {
        return issued;
    }

    long nanos() {
        return nanos;
    }

    /** POSTs to {@code path} and returns the string field {@code field} of the JSON answer, which must be 200. */
    private String post(String path, HttpRequest.BodyPublisher body, String bearer, String field)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json").POST(body);
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException(path + " answered " + response.statusCode() + ": "
                    + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return BenchServer.JSON.readTree(response.body()).get(field).asString();
    }
}
