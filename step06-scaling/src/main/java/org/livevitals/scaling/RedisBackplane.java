package org.livevitals.scaling;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.livevitals.broadcast.LatestReadings;
import org.livevitals.rawsockets.InvalidLineException;
import org.livevitals.rawsockets.VitalSigns;
import org.livevitals.rawsockets.VitalsLineCodec;
import org.livevitals.rawsockets.WireText;
import org.livevitals.reconnect.OpeningState;
import org.livevitals.reconnect.ResumableStream;
import org.livevitals.reconnect.ResumeSettings;
import org.livevitals.reconnect.SequenceStamp;
import org.livevitals.reconnect.StreamHistory;
import org.livevitals.reconnect.StreamPublisher;
import org.livevitals.scaling.ops.NodeDirectory;
import org.livevitals.scaling.ops.RedisNodeDirectory;
import org.livevitals.security.Access;
import org.livevitals.security.AlertDesk;
import org.livevitals.security.Bedside;
import org.livevitals.security.SecureServer;
import org.livevitals.security.TicketLedger;
import org.livevitals.security.TokenRejected;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The cluster's backplane on Redis: pub/sub for the live stream, a stream for the shared history.
 *
 * <pre>
 * publish (any node) --> publish.lua: number, keep (XADD), latest (HSET, ZADD), PUBLISH livevitals:ward:icu
 *                                                                              |
 * every node subscribed to the ward <-- Lettuce's pub/sub thread --> inbox (bounded) --> delivery thread
 *                                                                 --> Lab 4's ResumableStream.deliver --> its sessions
 * </pre>
 *
 * <p>Pub/sub is fire-and-forget: a node that is not subscribed, or not connected, at the moment a
 * message is published never hears it. That is why the history is a stream: a dashboard that missed
 * something (its node died, Redis restarted) asks for it by number and gets it from the stream.
 *
 * <p>Lettuce's own thread only puts what it hears into a bounded inbox; one delivery thread per node
 * takes it from there, in order. A full inbox drops the message and counts it, and the node catches up
 * from the stream, as it does after Lettuce has reconnected and subscribed again.
 */
public final class RedisBackplane implements Backplane {

    /** Messages heard but not yet delivered; a node this far behind drops and counts. */
    public static final int INBOX_CAPACITY = 10_000;
    /** How long a command may wait for Redis before it fails (and the reading is counted as not published). */
    public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);
    /** Why a node closes its dashboards (1012) when the cluster's numbering starts again. */
    public static final String BACKPLANE_RESTARTED = "the backplane restarted: reconnect for a snapshot";
    /** How soon Lettuce tries again after losing Redis; it re-subscribes to every topic by itself. */
    public static final Duration RECONNECT_DELAY = Duration.ofMillis(200);
    /** Patients per ward whose latest reading Redis keeps: Lab 3's bound, so a snapshot is the same size on any node. */
    public static final int MAX_PATIENTS_PER_WARD = LatestReadings.DEFAULT_MAX_PATIENTS;
    /**
     * How long the cluster remembers a patient after the time of its newest reading, as Lab 3's
     * {@link LatestReadings} does: its latest reading, and the note of which node has its device. A device
     * that has sent nothing for that long is taken for gone, as its patient's tile is; a node that dies
     * without saying so leaves no note behind for longer than that.
     */
    public static final Duration FORGET_AFTER = LatestReadings.DEFAULT_FORGET_AFTER;

    private static final Logger log = LoggerFactory.getLogger(RedisBackplane.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RedisURI uri;
    private final String nodeId;
    private final Clock clock;
    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> commands;
    private final StatefulRedisPubSubConnection<String, String> pubSub;
    private final String publishScript = loadScript("publish.lua");
    private final String deviceLeftScript = loadScript("device-left.lua");
    private final BlockingQueue<String> inbox = new ArrayBlockingQueue<>(INBOX_CAPACITY);
    private final Thread delivery;
    private final VitalsLineCodec codec = new VitalsLineCodec();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong notPublished = new AtomicLong();
    private volatile DeliveryListener listener = DeliveryListener.NONE;
    private volatile RedisHistory history;
    private volatile ResumableStream stream;
    private volatile SecureServer server;
    private volatile WardTopics topics;
    private volatile boolean publishing = true;
    private volatile boolean running = true;
    /** Set when this node may have missed messages: it (re)subscribed, or its inbox overflowed. */
    private volatile boolean mayHaveMissed;
    /** When the delivery thread next writes the notes of the devices connected here again; only that thread touches it. */
    private Instant nextNoteRenewal = Instant.MIN;
    private final NodeMailbox mailbox;
    private final JsonMapper json = JsonMapper.builder().build();

    private RedisBackplane(RedisURI uri, String nodeId, Clock clock) {
        this.uri = uri;
        this.nodeId = nodeId;
        this.clock = clock;
        this.resources = ClientResources.builder().reconnectDelay(Delay.constant(RECONNECT_DELAY)).build();
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                // While Redis is away a command fails at once instead of queueing for the default 60 s:
                // the device's reading is not held hostage, and /health can say what is wrong.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .build());
        try {
            this.commands = client.connect();
            this.pubSub = client.connectPubSub();
        } catch (RedisConnectionException unreachable) {
            client.shutdown();
            resources.shutdown();
            throw new IllegalStateException("cannot reach Redis at " + uri.getHost() + ":" + uri.getPort()
                    + ": start it, or leave out --redis to run one node with the in-memory backplane", unreachable);
        }
        this.mailbox = new NodeMailbox(nodeId, commands);
        pubSub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String topic, String message) {
                if (topic.equals(mailbox.topic())) {
                    mailbox.hear(message);
                } else {
                    hear(message);
                }
            }

            /** Also after Lettuce reconnects and subscribes again: what was published meanwhile never came. */
            @Override
            public void subscribed(String topic, long count) {
                if (!topic.equals(mailbox.topic())) {
                    mayHaveMissed = true;
                }
            }
        });
        pubSub.sync().subscribe(mailbox.topic());
        ClusterAlerts.forgetAlertsOf(commands.sync(), nodeId);
        this.delivery = new Thread(this::deliverUntilClosed, "backplane-delivery");
        delivery.setDaemon(true);
    }

    /**
     * Connects to Redis at {@code uri} (e.g. {@code redis://localhost:6379}).
     *
     * @throws IllegalStateException if Redis cannot be reached now, with a message a person can act on
     */
    public static RedisBackplane connect(String uri, String nodeId, Clock clock) {
        RedisBackplane backplane = new RedisBackplane(RedisURI.create(uri), nodeId, clock);
        backplane.delivery.start();
        return backplane;
    }

    @Override
    public String kind() {
        return "redis";
    }

    @Override
    public boolean connected() {
        return commands.isOpen() && pubSub.isOpen();
    }

    @Override
    public String problem() {
        return connected() ? "" : "Redis at " + uri.getHost() + ":" + uri.getPort() + " is unreachable";
    }

    @Override
    public StreamHistory history(ResumeSettings resume) {
        commands.sync().setnx(RedisKeys.EPOCH, newEpoch());
        history = new RedisHistory(commands.sync(), resume.historySize(), commands.sync().get(RedisKeys.EPOCH));
        return history;
    }

    @Override
    public StreamPublisher publisher(ResumableStream stream, Function<VitalSigns, String> readingJson) {
        this.stream = stream;
        return new StreamPublisher() {
            @Override
            public void publish(VitalSigns reading) {
                String patient = reading.patientId();
                boolean deviceHere = server.monitor().devices().isConnected(patient);
                RedisBackplane.this.publish(patient, reading, readingJson.apply(reading), "", false,
                        deviceHere ? nodeId : "");
            }

            @Override
            public void publishMessage(String patientId, String message) {
                JsonNode alert = json.readTree(message); // Lab 5's only such message is an alert's change
                RedisBackplane.this.publish(patientId, null, message, alert.path("id").asString(""),
                        !"cleared".equals(alert.path("state").asString()), "");
            }
        };
    }

    @Override
    public String alertIdPrefix() {
        return nodeId + ".";
    }

    @Override
    public AlertDesk alertDesk(AlertDesk local) {
        return new ClusterAlertDesk(mailbox, local);
    }

    @Override
    public Bedside bedside(Bedside local) {
        return new ClusterBedside(mailbox, local, patient -> server.monitor().devices().isConnected(patient), commands.sync());
    }

    @Override
    public OpeningState opening(OpeningState local) {
        return new ClusterAlerts(commands.sync(), (session, patient) -> server.sessions().maySee(session, patient), local);
    }

    /** One ledger of spent tickets for the cluster: a ticket opens one session, on whichever node. */
    @Override
    public TicketLedger ticketLedger(TicketLedger local) {
        return (id, forgetAfter, now) -> {
            String spent;
            try {
                spent = commands.sync().set(RedisKeys.ticket(id), nodeId, SetArgs.Builder.nx().pxAt(forgetAfter));
            } catch (RuntimeException redisAway) {
                throw new TokenRejected("tickets cannot be checked now: try again in a moment");
            }
            if (!"OK".equals(spent)) {
                throw new TokenRejected("ticket already used");
            }
        };
    }

    /** The latest readings the cluster holds for every ward, not only the wards this node's sessions see. */
    @Override
    public Supplier<Collection<VitalSigns>> latestReadings(LatestReadings local) {
        return () -> {
            List<VitalSigns> all = new ArrayList<>();
            try {
                for (String topic : allTopics()) {
                    all.addAll(latestOf(topic));
                }
            } catch (RuntimeException redisAway) {
                log.warn("the cluster's latest readings cannot be read ({}): answering with this node's", redisAway.getMessage());
                return local.all();
            }
            return all;
        };
    }

    private List<String> allTopics() {
        List<String> topics = new ArrayList<>();
        server.wards().names().forEach(ward -> topics.add(RedisKeys.topic(Optional.of(ward))));
        topics.add(RedisKeys.topic(Optional.empty()));
        return topics;
    }

    /**
     * The latest readings Redis keeps for the ward of {@code topic}. Redis forgets a patient silent for
     * {@link #FORGET_AFTER} when the ward's next reading is published; until then it is left out here.
     */
    private List<VitalSigns> latestOf(String topic) {
        long forgetBefore = clock.instant().minus(FORGET_AFTER).toEpochMilli();
        List<String> heard = commands.sync().zrangebyscore(RedisKeys.latestTimesOf(topic),
                Range.from(Range.Boundary.including(forgetBefore), Range.Boundary.unbounded()));
        if (heard.isEmpty()) {
            return List.of();
        }
        return commands.sync().hmget(RedisKeys.latestOf(topic), heard.toArray(String[]::new)).stream()
                .filter(KeyValue::hasValue)
                .flatMap(line -> readingOf(line.getValue()).stream())
                .toList();
    }

    private Optional<VitalSigns> readingOf(String line) {
        try {
            return Optional.of(codec.decodeAccepted(line));
        } catch (InvalidLineException | RuntimeException unreadable) {
            log.warn("ignored a latest reading Redis holds that does not read as one: {}", unreadable.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public NodeDirectory nodeDirectory(Clock clock) {
        return new RedisNodeDirectory(commands, clock);
    }

    @Override
    public void attach(SecureServer server) {
        this.server = server;
        this.topics = new WardTopics(server.wards(), this::subscribe, this::unsubscribe);
        // A device's first reading here tells the cluster where its line ends; every later one repeats it and
        // keeps the note from expiring (publish.lua), so the note comes back after Redis restarts empty, and
        // renewDeviceNotesWhenDue writes it again for a device that sends nothing for a long time. When the
        // device disconnects, the note goes, unless it names another node already (device-left.lua); should a
        // quick reconnect here race with that, the device's next reading writes the note again.
        server.monitor().devices().onRoute(patient -> commands.async().set(RedisKeys.deviceNode(patient), nodeId,
                SetArgs.Builder.px(FORGET_AFTER)));
        server.monitor().devices().onDisconnect(patient -> commands.async().<Long>eval(deviceLeftScript,
                ScriptOutputType.INTEGER, new String[] {RedisKeys.deviceNode(patient)}, nodeId));
    }

    /** Told of every message delivered here, with how long it took from the publishing node. */
    public void onDelivery(DeliveryListener listener) {
        this.listener = listener;
    }

    @Override
    public void admitted(Access access) {
        topics.admitted(access);
    }

    @Override
    public void left(Access access) {
        topics.left(access);
    }

    /** The ward topics this node listens to now. */
    public java.util.Set<String> topics() {
        return topics.subscribed();
    }

    /** Messages dropped because the inbox was full. */
    public long dropped() {
        return dropped.get();
    }

    /** Readings and alerts this node could not publish (Redis was away). */
    public long notPublished() {
        return notPublished.get();
    }

    /**
     * Numbers, keeps and publishes one message in one step (publish.lua). Asynchronous: the device's
     * thread does not wait for Redis, and Lettuce keeps this node's messages in the order they were sent.
     *
     * @param reading    the reading, kept as its patient's latest if it is the newest, or null for an alert's change
     * @param deviceNode this node, if the reading came from a device connected here, or ""
     */
    private void publish(String patientId, VitalSigns reading, String json, String alertId, boolean alertActive,
            String deviceNode) {
        String topic = RedisKeys.topic(server.wards().wardOf(patientId));
        String[] keys = {RedisKeys.EPOCH, RedisKeys.SEQ, RedisKeys.STREAM, RedisKeys.latestOf(topic), RedisKeys.ALERTS,
                RedisKeys.deviceNode(patientId), RedisKeys.latestTimesOf(topic), RedisKeys.latestTakenOf(topic)};
        commands.async().<Long>eval(publishScript, ScriptOutputType.INTEGER, keys,
                        newEpoch(), Integer.toString(history.capacity()), topic, patientId,
                        Long.toString(clock.millis()), reading == null ? "" : codec.encode(reading), json, alertId,
                        alertActive ? "1" : "0", deviceNode, Integer.toString(MAX_PATIENTS_PER_WARD),
                        reading == null ? "" : Long.toString(reading.takenAt().toEpochMilli()),
                        Long.toString(FORGET_AFTER.toMillis()))
                .whenComplete((seq, failure) -> {
                    if (failure != null) {
                        notPublished(patientId, failure);
                    } else if (!publishing) {
                        publishing = true;
                        log.info("publishing to Redis again ({} messages could not be published)", notPublished.get());
                    }
                });
    }

    /** Logged once per outage, counted every time: a dead Redis must not flood the log at 50 lines a second. */
    private void notPublished(String patientId, Throwable failure) {
        notPublished.incrementAndGet();
        if (publishing) {
            publishing = false;
            log.warn("cannot publish to Redis ({}): readings are reaching this node's devices but no dashboard;"
                    + " first lost: patient {}", failure.getMessage(), patientId);
        }
    }

    /** Subscribes, waits for Redis to confirm, then reads what the topics' patients last measured. */
    private void subscribe(List<String> newTopics) {
        boolean firstTopics = topics.subscribed().isEmpty();
        pubSub.sync().subscribe(newTopics.toArray(String[]::new));
        if (firstTopics) {
            // Listening to nothing before, this node has delivered nothing anyone here needs: its snapshots are
            // complete up to the cluster's latest number from now on (the topics' latest readings follow).
            String latestSeq = commands.sync().get(RedisKeys.SEQ);
            history.delivered(latestSeq == null ? 0 : Long.parseLong(latestSeq));
        }
        for (String topic : newTopics) {
            latestOf(topic).forEach(server.monitor().latest()::update);
        }
        log.info("subscribed to {}", newTopics);
    }

    private void unsubscribe(List<String> unusedTopics) {
        try {
            pubSub.sync().unsubscribe(unusedTopics.toArray(String[]::new));
            log.info("unsubscribed from {}", unusedTopics);
        } catch (RuntimeException redisAway) { // Lettuce would re-subscribe it on reconnect: harmless, and rare
            log.warn("could not unsubscribe from {}: {}", unusedTopics, redisAway.getMessage());
        }
    }

    /** Lettuce's thread: never blocks, never delivers. */
    private void hear(String message) {
        if (!inbox.offer(message)) {
            listener.dropped();
            mayHaveMissed = true;
            if (dropped.getAndIncrement() == 0) {
                log.warn("the backplane's inbox is full ({} messages): dropping; the node will catch up from the stream",
                        INBOX_CAPACITY);
            }
        }
    }

    private void deliverUntilClosed() {
        while (running) {
            try {
                String message = inbox.poll(1, TimeUnit.SECONDS);
                renewDeviceNotesWhenDue();
                if (mayHaveMissed) { // checked after the poll: a message heard after a re-subscription waits for the gap before it
                    catchUp();
                }
                if (message != null) {
                    deliver(Envelope.parse(message), true);
                }
            } catch (InterruptedException closing) {
                return;
            } catch (RuntimeException | InvalidLineException e) { // one bad message never stops the loop
                log.warn("could not deliver a backplane message: {}", e.toString());
            }
        }
    }

    /**
     * Writes again, every quarter of {@link #FORGET_AFTER}, the note of each device connected here. A reading
     * renews its device's note, but a device asked for readings only when a clinician wants one may send none
     * for longer than a note lasts; its note must not expire while it is still connected, or a command from
     * another node would be answered "offline". Runs on the delivery thread, which wakes at least once a second.
     */
    private void renewDeviceNotesWhenDue() {
        Instant now = clock.instant();
        if (server == null || now.isBefore(nextNoteRenewal)) {
            return;
        }
        nextNoteRenewal = now.plus(FORGET_AFTER.dividedBy(4));
        for (String patient : server.monitor().devices().routedPatients()) {
            commands.async().set(RedisKeys.deviceNode(patient), nodeId, SetArgs.Builder.px(FORGET_AFTER));
        }
    }

    /** @param live heard on a topic just now (its lag is measured), rather than read back from the stream */
    private void deliver(Envelope envelope, boolean live) throws InvalidLineException {
        // accepted where it came in: its time is not judged again against this node's clock
        VitalSigns reading = envelope.isReading() ? codec.decodeAccepted(envelope.line()) : null;
        if (!envelope.epoch().equals(history.epoch()) && !epochChanged(envelope.epoch())) {
            log.warn("dropped a message of epoch {}, which is not the cluster's: a stray publisher?",
                    WireText.printable(envelope.epoch()));
            return;
        }
        long seq = envelope.seq();
        if (seq <= history.deliveredSeq()) {
            return; // delivered already, by a catch-up from the stream
        }
        stream.deliver(new StreamHistory.Numbered(seq, envelope.patientId(), SequenceStamp.withSeq(envelope.json(), seq)),
                reading);
        history.delivered(seq);
        if (live) {
            listener.delivered(Duration.between(envelope.sentAt(), clock.instant()));
        }
    }

    /**
     * Pub/sub delivers only to whoever listens at that moment: after a lost connection (Lettuce reconnects
     * and subscribes again by itself) or a full inbox, this node may have missed messages. The stream has
     * them: the node reads everything after the last number it delivered and delivers, in order, what its
     * topics carry. Messages heard live meanwhile are numbered after those, or are skipped as delivered.
     */
    private void catchUp() {
        mayHaveMissed = false;
        try {
            String epoch = commands.sync().get(RedisKeys.EPOCH);
            if (epoch == null) {
                return; // Redis is empty: nothing was published since it started
            }
            if (!epoch.equals(history.epoch())) {
                restartNumbering(epoch);
                return;
            }
            long after = history.deliveredSeq();
            List<StreamMessage<String, String>> kept = commands.sync().xrange(RedisKeys.STREAM,
                    Range.from(Range.Boundary.excluding(RedisKeys.streamId(after)), Range.Boundary.unbounded()));
            if (after > 0 && !kept.isEmpty() && RedisKeys.seqOf(kept.get(0).getId()) > after + 1) {
                log.warn("messages {} to {} are no longer in the stream: dashboards here miss them",
                        after + 1, RedisKeys.seqOf(kept.get(0).getId()) - 1);
            }
            Set<String> listening = topics.subscribed();
            for (StreamMessage<String, String> entry : kept) {
                String patient = entry.getBody().get("patient");
                if (listening.contains(RedisKeys.topic(server.wards().wardOf(patient)))) {
                    deliverKept(epoch, patient, entry);
                }
            }
        } catch (RuntimeException redisAway) {
            mayHaveMissed = true; // the next message, or the next second, tries again
            throw redisAway;
        }
    }

    /** One message read back from the stream. One that does not read as a message is logged and skipped: the catch-up goes on. */
    private void deliverKept(String epoch, String patient, StreamMessage<String, String> entry) {
        try {
            deliver(new Envelope(epoch, RedisKeys.seqOf(entry.getId()), patient, clock.instant(),
                    entry.getBody().getOrDefault("line", ""), entry.getBody().get("json")), false);
        } catch (RedisException redisAway) {
            throw redisAway; // not the entry's fault: the catch-up is tried again
        } catch (InvalidLineException | RuntimeException unreadable) { // a field missing, a bad line, bad JSON
            log.warn("skipped stream entry {}, which does not read as a message: {}",
                    WireText.printable(entry.getId()), unreadable.toString());
        }
    }

    /**
     * A message of another epoch: Redis may have restarted empty, or someone else publishes on the topic.
     * Redis itself says which, and only a real change sends the dashboards back to a snapshot.
     */
    private boolean epochChanged(String epoch) {
        if (!epoch.equals(commands.sync().get(RedisKeys.EPOCH))) {
            return false;
        }
        restartNumbering(epoch);
        return true;
    }

    /**
     * Redis came back empty and a node started a new epoch. Every dashboard here holds numbers of the old
     * one, which mean nothing now: they are closed with 1012 (service restart), come back, are told their
     * epoch is gone, and start again from a snapshot.
     */
    private void restartNumbering(String epoch) {
        log.warn("the cluster's epoch changed ({} -> {}): Redis restarted empty; dashboards here start again",
                history.epoch(), epoch);
        history.newEpoch(epoch);
        var sessions = server.monitor().sessions();
        for (int lane = 0; lane < sessions.laneCount(); lane++) {
            sessions.forEachIn(lane, session -> session.close(StatusCode.SERVICE_RESTART,
                    BACKPLANE_RESTARTED, org.eclipse.jetty.websocket.api.Callback.NOOP));
        }
    }

    /** 64 random bits, in hex: a fresh epoch for a Redis that has none. */
    private static String newEpoch() {
        byte[] bits = new byte[8];
        RANDOM.nextBytes(bits);
        return HexFormat.of().formatHex(bits);
    }

    /** The script without its comments: it is sent with every publication. */
    private static String loadScript(String name) {
        try (InputStream in = RedisBackplane.class.getResourceAsStream(name)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.lines().filter(line -> !line.startsWith("--")).collect(Collectors.joining("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        running = false;
        delivery.interrupt();
        mailbox.close();
        pubSub.close();
        commands.close();
        client.shutdown();
        resources.shutdown();
    }

    /** Told of each message delivered on this node. */
    @FunctionalInterface
    public interface DeliveryListener {
        DeliveryListener NONE = lag -> { };

        /** @param lag from the publishing node's send to this node's delivery */
        void delivered(Duration lag);

        /** A message heard and dropped: the inbox was full. */
        default void dropped() {
        }
    }
}
