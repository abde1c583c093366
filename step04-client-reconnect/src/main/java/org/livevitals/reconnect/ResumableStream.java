package org.livevitals.reconnect;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketCreator;
import org.livevitals.broadcast.BadMessageException;
import org.livevitals.broadcast.ClientMessages;
import org.livevitals.broadcast.DashboardStream;
import org.livevitals.broadcast.EncodedText;
import org.livevitals.broadcast.JsonResponses;
import org.livevitals.broadcast.QueryParameters;
import org.livevitals.rawsockets.VitalSigns;

/**
 * Lab 3's stream, numbered: every reading gets the next sequence number of this server's epoch and
 * is kept in a bounded history, so a dashboard that comes back is sent what it missed.
 *
 * <p>One lock orders the stream. Numbering a reading, keeping it and handing it to the fan-out
 * happen together, so the numbers reach every dashboard in order; and a dashboard that (re)connects
 * is sent its first messages and joins the broadcast under the same lock, so nothing published in
 * between can be missed. A reading handed to the fan-out just before a dashboard joined may reach it
 * too, after its replay: the client ignores a number it has already seen.
 */
public final class ResumableStream implements DashboardStream, StreamPublisher {

    private final Parts parts;
    private final StreamHistory history;
    private final Function<VitalSigns, String> readingJson;
    private final StreamMessages messages;
    private final Audience audience;
    private final OpeningState opening;
    private final Heartbeats heartbeats;
    private final EncodedText heartbeat = new EncodedText(StreamMessages.HEARTBEAT);
    private final Object order = new Object();
    private volatile Consumer<Boolean> onResumed = recovered -> { };
    /** Reads what dashboards send; shared by every session, as in Lab 3 (each one holds a JSON mapper). */
    private final ClientMessages clientMessages = new ClientMessages();

    /** @param readingJson a reading's JSON, before its number is added (the load test stamps it too) */
    public ResumableStream(Parts parts, StreamHistory history, ResumeSettings settings,
            Function<VitalSigns, String> readingJson) {
        this(parts, history, settings, readingJson, Audience.EVERYONE);
    }

    /** @param audience who may see which patient: Lab 5 passes the rules of who signed in */
    public ResumableStream(Parts parts, StreamHistory history, ResumeSettings settings,
            Function<VitalSigns, String> readingJson, Audience audience) {
        this(parts, history, settings, readingJson, audience, OpeningState.NONE);
    }

    /** @param opening what every session is sent when it opens, after its readings: Lab 5 sends the active alerts */
    public ResumableStream(Parts parts, StreamHistory history, ResumeSettings settings,
            Function<VitalSigns, String> readingJson, Audience audience, OpeningState opening) {
        this.parts = parts;
        this.history = history;
        this.readingJson = readingJson;
        this.audience = audience;
        this.opening = opening;
        this.messages = new StreamMessages(parts.settings().staleAfter(), settings.heartbeatInterval());
        this.heartbeats = new Heartbeats(parts.sessions(), this::sendHeartbeat, settings);
        parts.broadcaster().onDelivered(heartbeats::delivered);
    }

    @Override
    public void onReading(VitalSigns reading) {
        publish(reading);
    }

    @Override
    public void publish(VitalSigns reading) {
        synchronized (order) {
            // Exercise 1 starts here (scenarios L4-04 L4-05)
            parts.latest().update(reading);
            String patient = reading.patientId();
            StreamHistory.Numbered message = history.append(patient, seq -> SequenceStamp.withSeq(readingJson.apply(reading), seq));
            EncodedText text = new EncodedText(message.json()); // one text for every dashboard, number included
            parts.broadcaster().broadcast(text, audience.whoMaySee(patient));
            // Exercise 1 ends here
        }
    }

    /**
     * A message about one patient that is not a reading (Lab 5's alerts): numbered, kept and sent
     * exactly like one, in order with the readings, to the sessions that may see that patient, and
     * replayed to a dashboard that missed it.
     *
     * @param json the message as a JSON object, without its number
     */
    @Override
    public void publishMessage(String patientId, String json) {
        synchronized (order) {
            StreamHistory.Numbered message = history.append(patientId, seq -> SequenceStamp.withSeq(json, seq));
            parts.broadcaster().broadcast(new EncodedText(message.json()), audience.whoMaySee(patientId));
        }
    }

    /**
     * A message that was numbered elsewhere arrives for this server's dashboards: Lab 6's backplane
     * numbers every message once for the whole cluster and brings it to each node. It is kept as its
     * patient's latest reading if it is one, then sent to the sessions that may see the patient, in the
     * order deliveries come. The history that numbered it keeps it, not this server.
     *
     * @param reading the reading the message carries, or null for another message (an alert)
     */
    public void deliver(StreamHistory.Numbered message, VitalSigns reading) {
        synchronized (order) {
            if (reading != null) {
                parts.latest().update(reading);
            }
            String patient = message.patientId();
            parts.broadcaster().broadcast(new EncodedText(message.json()), audience.whoMaySee(patient));
        }
    }

    /**
     * A dashboard has connected: it is sent what it missed (or why not, and a snapshot), then joins.
     *
     * @param request what it asked for: nothing, a resume, or a request the server could not read
     */
    void open(Session session, Optional<ResumeRequest> request, BadMessageException unreadable) {
        synchronized (order) {
            if (unreadable != null) {
                reply(session, parts.messages().error(unreadable.getMessage()));
                reply(session, snapshot(session));
            } else if (request.isEmpty()) {
                reply(session, snapshot(session));
            } else {
                Recovery recovery = Recovery.of(request.get(), history);
                onResumed.accept(recovery.recovered());
                if (recovery.recovered()) {
                    reply(session, messages.recovered(history.epoch(), replayedUpTo(request.get(), recovery),
                            visibleTo(session, recovery.missed())));
                } else {
                    reply(session, messages.notRecovered(recovery.reason()));
                    reply(session, snapshot(session));
                }
            }
            opening.messageFor(session).ifPresent(message -> reply(session, message));
            heartbeats.opened(session);
            parts.sessions().join(session);
        }
    }

    /** Told of each resume a dashboard asks for: whether it was recovered, or sent a snapshot. Lab 6 counts them. */
    public void onResumed(Consumer<Boolean> listener) {
        this.onResumed = listener;
    }

    /**
     * Answers a dashboard's {@code get-snapshot}. Under the stream's lock, like the first message: a
     * snapshot sent after the lock is released could be overtaken by a reading it does not include.
     */
    void sendSnapshot(Session session) {
        synchronized (order) {
            reply(session, snapshot(session));
        }
    }

    void sendError(Session session, String reason) {
        reply(session, parts.messages().error(reason));
    }

    /** The latest reading of every patient {@code session} may see, and the number of the last message they include. */
    String snapshot(Session session) {
        synchronized (order) {
            List<VitalSigns> visible = parts.latest().all().stream()
                    .filter(reading -> audience.maySee(session, reading.patientId()))
                    .toList();
            return messages.snapshot(history.epoch(), history.deliveredSeq(), visible);
        }
    }

    /**
     * The number a replay brings the dashboard up to: its last message's, or where the dashboard already
     * was. With one server that is the latest number; in Lab 6's cluster, messages numbered after the
     * replay was read reach the dashboard live.
     */
    private static long replayedUpTo(ResumeRequest request, Recovery recovery) {
        List<StreamHistory.Numbered> missed = recovery.missed();
        return missed.isEmpty() ? request.lastSeq() : missed.get(missed.size() - 1).seq();
    }

    /** A replay holds only the patients the session may see; the numbers of the others are simply absent. */
    private List<StreamHistory.Numbered> visibleTo(Session session, List<StreamHistory.Numbered> missed) {
        return missed.stream().filter(message -> audience.maySee(session, message.patientId())).toList();
    }

    /**
     * One dashboard's heartbeat, with the broadcast's eviction rule. It carries no number, so it needs
     * no place in the stream's order: a session is beaten only once its first messages are queued.
     */
    private void sendHeartbeat(Session session) {
        heartbeat.sendTo(session, failure -> parts.sessions().evict(session, failure));
    }

    /** A first message obeys the broadcast's rule: a dashboard that cannot take it is evicted. */
    private void reply(Session session, String json) {
        session.sendText(json, Callback.from(() -> { }, failure -> parts.sessions().evict(session, failure)));
    }

    public StreamHistory history() {
        return history;
    }

    Heartbeats heartbeats() {
        return heartbeats;
    }

    /**
     * Each upgrade's endpoint, from its query. A query that cannot even be decoded (a broken {@code %}
     * escape) leaves nothing to make an endpoint from, and its exception would escape as Jetty's HTML
     * error page. So it is refused here, before the upgrade, with 400 and the stream's own {@code error}
     * object.
     */
    @Override
    public WebSocketCreator endpoints() {
        return (request, response, callback) -> {
            Fields query;
            try {
                query = QueryParameters.of(request);
            } catch (IllegalArgumentException unreadable) {
                JsonResponses.send(response, HttpStatus.BAD_REQUEST_400, parts.messages().error(unreadable.getMessage()), callback);
                return null;
            }
            return newEndpoint(query);
        };
    }

    /**
     * The endpoint of one new session, from the query of its URL (a resume request, or none). Lab 5's
     * handshake calls this once it has let the session in.
     */
    public ResumableEndpoint newEndpoint(Fields query) {
        try {
            return new ResumableEndpoint(this, ResumeRequest.from(query), null);
        } catch (BadMessageException malformed) {
            return new ResumableEndpoint(this, Optional.empty(), malformed);
        }
    }

    @Override
    public void start() {
        heartbeats.start();
    }

    @Override
    public void close() {
        heartbeats.close();
    }

    Parts parts() {
        return parts;
    }

    ClientMessages clientMessages() {
        return clientMessages;
    }
}
