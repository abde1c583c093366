package org.livevitals.security.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.livevitals.rawsockets.VitalSigns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns readings into alerts, one center per server: it watches each patient's vitals against their
 * limits and the patient's NEWS2 score, raises an alert the moment a reading calls for one, holds it
 * until readings show the patient really got better (the anti-flapping rule of {@link Hold}), and
 * tells its {@link AlertListener} every change. It also notices a device gone quiet or disconnected
 * (a technical alarm), re-announces a high-priority alert nobody acknowledged, and sounds an
 * acknowledged one again when its silence ends.
 *
 * <p><b>One lock, changes in order.</b> Every change happens under one lock, and the listener is
 * told under it, so every dashboard sees the changes of an alert in the order they happened. Nothing
 * else is called while the lock is held. Reading the alerts ({@link #active()}, {@link #activeAlert},
 * {@link #recent}) never takes it: a dashboard opening under the stream's lock can ask for them
 * without waiting for the center, and the center's listener can publish to the stream without
 * deadlocking with it.
 *
 * <p><b>Time is a clock.</b> Timed rules (stale, silence, re-announce, forget) run in {@link #tick()},
 * which {@link #start()} calls every {@link #TICK_INTERVAL}; tests call it after moving a
 * {@code SettableClock}.
 *
 * <p><b>Bounded.</b> At most {@link #MAX_PATIENTS} patients are watched, a patient silent for
 * {@link #FORGET_AFTER} is forgotten, and the history holds the last {@link #HISTORY_CAPACITY} changes.
 */
public final class AlertCenter implements AutoCloseable {

    /** As many patients as Lab 3's latest readings keep: a hospital's worth of beds. */
    public static final int MAX_PATIENTS = 500;
    /** A patient silent this long is forgotten and its alerts cleared: discharged, or the device moved. */
    public static final Duration FORGET_AFTER = Duration.ofHours(1);
    /** How many changes {@link #recent} remembers: hours of a busy ward, about a megabyte. */
    public static final int HISTORY_CAPACITY = 1000;
    /** How often {@link #start()} ticks: a quarter of a second is well within any timed rule here. */
    public static final Duration TICK_INTERVAL = Duration.ofMillis(250);

    static final String READINGS_RESUMED = "readings resumed";
    static final String DEVICE_DISCONNECTED = "device disconnected";
    static final String NO_LONGER_MONITORED = "no longer monitored";

    private static final Logger LOG = LoggerFactory.getLogger(AlertCenter.class);

    /** The order of the active list: the most urgent first, and the oldest first among equals. */
    private static final Comparator<Alert> MOST_URGENT_FIRST = Comparator.comparing(Alert::priority).reversed()
            .thenComparing(Alert::raisedAt)
            .thenComparing(Alert::patient)
            .thenComparing(Alert::source);

    /** The active alerts, sorted, and by id: replaced whole at every change, read without the lock. */
    private record Active(List<Alert> sorted, Map<String, Alert> byId) {
        static final Active NONE = new Active(List.of(), Map.of());

        static Active of(Collection<Alert> alerts) {
            Map<String, Alert> byId = new HashMap<>();
            alerts.forEach(alert -> byId.put(alert.id(), alert));
            return new Active(alerts.stream().sorted(MOST_URGENT_FIRST).toList(), Map.copyOf(byId));
        }
    }

    /** One alert source of one patient: its hold, its active alert, when that was last announced. */
    private static final class Track {
        final Hold hold;
        Alert alert;
        Instant announcedAt;

        Track(Hold hold) {
            this.hold = hold;
        }
    }

    /** What the center knows of one patient. */
    private static final class Patient {
        final Map<String, Track> clinical = new LinkedHashMap<>();
        final Track device = new Track(null);
        Instant heardAt;
        Instant newestTakenAt;

        List<Track> tracks() {
            List<Track> all = new ArrayList<>(clinical.values());
            all.add(device);
            return all;
        }
    }

    /** An alert source: a vital's limits or NEWS2, and how it assesses a reading. */
    private record Source(String name, Function<VitalSigns, Assessment> assess) {}

    private final List<Source> sources = new ArrayList<>();
    private final AlertSettings settings;
    private final Clock clock;
    private final AlertListener listener;
    private final Object lock = new Object();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "alert-center-tick");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean started = new AtomicBoolean();

    // Guarded by lock.
    /** By patient id, the longest silent first: a reading moves its patient to the end. */
    private final LinkedHashMap<String, Patient> patients = new LinkedHashMap<>();
    private final Map<String, Track> trackOfActive = new HashMap<>();
    private long lastId;
    private final String idPrefix;
    private int historySize;

    // Written under lock, read without it.
    private volatile Active active = Active.NONE;
    /** Every change, newest first. */
    private final ConcurrentLinkedDeque<Alert> history = new ConcurrentLinkedDeque<>();

    public AlertCenter(AlertLimits limits, AlertSettings settings, Clock clock, AlertListener listener) {
        this(limits, settings, clock, listener, "");
    }

    /** @param idPrefix put before every alert's number ({@code A7}): Lab 6 puts the node's name, {@code n2.A7} */
    public AlertCenter(AlertLimits limits, AlertSettings settings, Clock clock, AlertListener listener, String idPrefix) {
        this.idPrefix = Objects.requireNonNull(idPrefix, "idPrefix");
        Objects.requireNonNull(limits, "limits");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
        for (VitalLimits vital : limits.all()) {
            sources.add(new Source(vital.vital(), vital::assess));
        }
        sources.add(new Source(Alert.NEWS2, News2::assess));
    }

    /**
     * Assesses a reading against every source: raises or escalates an alert on this very reading, eases
     * or clears one only as the hold allows. Any reading clears the patient's technical alarm: the
     * device is talking again. A reading measured before one already seen for the patient changes no
     * clinical alert (the newest measurement wins, as on every screen).
     */
    public void onReading(VitalSigns reading) {
        Objects.requireNonNull(reading, "reading");
        synchronized (lock) {
            Instant now = clock.instant();
            Patient patient = heardFrom(reading.patientId(), now);
            if (patient.device.alert != null) {
                change(patient.device, patient.device.alert.cleared(READINGS_RESUMED, now));
            }
            if (patient.newestTakenAt != null && reading.takenAt().isBefore(patient.newestTakenAt)) {
                return;
            }
            patient.newestTakenAt = reading.takenAt();
            for (Source source : sources) {
                try {
                    Track track = patient.clinical.computeIfAbsent(source.name(),
                            name -> new Track(new Hold(settings.clearAfterReadings())));
                    follow(track, source.assess().apply(reading), now);
                } catch (RuntimeException e) { // one source's failure must not silence the others
                    LOG.error("alert source {} failed on a reading of {}; the other sources go on",
                            source.name(), reading.patientId(), e);
                }
            }
        }
    }

    /** The device that was the route for {@code patient} disconnected: a technical alarm, unless one is on. */
    public void onDeviceDisconnected(String patient) {
        Objects.requireNonNull(patient, "patient");
        synchronized (lock) {
            Instant now = clock.instant();
            Patient watched = patients.get(patient);
            if (watched == null) {
                watched = heardFrom(patient, now);
            }
            raiseTechnical(watched, patient, DEVICE_DISCONNECTED, now);
        }
    }

    /**
     * Runs the timed rules once: forget patients silent for {@link #FORGET_AFTER}, raise a technical
     * alarm for a patient silent longer than {@code staleAfter}, end silences that are over, and
     * re-announce high-priority alerts unacknowledged for {@code reannounceInterval}.
     */
    public void tick() {
        synchronized (lock) {
            Instant now = clock.instant();
            for (Map.Entry<String, Patient> entry : List.copyOf(patients.entrySet())) {
                try {
                    tick(entry.getKey(), entry.getValue(), now);
                } catch (RuntimeException e) { // one patient's failure must not stop the others' alarms
                    LOG.error("alert tick failed for {}; the other patients go on", entry.getKey(), e);
                }
            }
        }
    }

    /**
     * A person acknowledges an alert: it stays active, shows who has it in hand, and is silenced for
     * the silence period. Who may acknowledge which patient's alerts is the caller's decision.
     */
    public Acknowledgement acknowledge(String alertId, String user) {
        Objects.requireNonNull(user, "user");
        synchronized (lock) {
            Track track = alertId == null ? null : trackOfActive.get(alertId);
            if (track == null) {
                return Acknowledgement.notActive();
            }
            if (track.alert.state() == Alert.State.ACKNOWLEDGED) {
                return Acknowledgement.already(track.alert);
            }
            Instant now = clock.instant();
            Alert acknowledged = track.alert.acknowledged(user, now, now.plus(settings.silencePeriod()));
            change(track, acknowledged);
            return Acknowledgement.acknowledged(acknowledged);
        }
    }

    /** An active alert by id, without taking the lock. */
    public Optional<Alert> activeAlert(String id) {
        return Optional.ofNullable(id == null ? null : active.byId().get(id));
    }

    /** Every active alert, the most urgent first and the oldest first among equals, without taking the lock. */
    public List<Alert> active() {
        return active.sorted();
    }

    /** The last {@code limit} changes of any alert, newest first (at most {@link #HISTORY_CAPACITY}), without the lock. */
    public List<Alert> recent(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, not " + limit);
        }
        return history.stream().limit(limit).toList();
    }

    /** Ticks every {@link #TICK_INTERVAL} on a daemon thread of its own, until {@link #close()}. */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("the alert center is already started");
        }
        long every = TICK_INTERVAL.toMillis();
        ticker.scheduleWithFixedDelay(this::tickOrLog, every, every, TimeUnit.MILLISECONDS);
    }

    /** Stops the ticks; the alerts stay readable. */
    @Override
    public void close() {
        ticker.shutdownNow();
        try {
            if (!ticker.awaitTermination(1, TimeUnit.SECONDS)) {
                LOG.warn("the alert center's tick did not stop within a second");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // Everything below runs under the lock.

    /**
     * The hold decides the level; this turns a change of level into the alert's event: from none it is
     * raised, up it escalates, down it eases, to none it clears.
     */
    private void follow(Track track, Assessment latest, Instant now) {
        Assessment level = track.hold.level(latest);
        Alert alert = track.alert;
        int current = alert == null ? 0 : Assessment.severity(alert.priority());
        if (level.severity() == current) {
            return;
        }
        if (alert == null) {
            change(track, Alert.raised(nextId(), level, now));
        } else if (level.priority() == null) {
            change(track, alert.cleared(level, now));
        } else if (level.severity() > current) {
            change(track, alert.escalated(level, now));
        } else {
            change(track, alert.eased(level, now));
        }
    }

    private void tick(String id, Patient patient, Instant now) {
        if (!now.isBefore(patient.heardAt.plus(FORGET_AFTER))) {
            forget(id, patient, now);
            return;
        }
        // Once per silence: the alarm stays until a reading clears it, and a second one is never raised beside it.
        if (Duration.between(patient.heardAt, now).compareTo(settings.staleAfter()) > 0) {
            raiseTechnical(patient, id, "no reading for " + seconds(settings.staleAfter()), now);
        }
        for (Track track : patient.tracks()) {
            Alert alert = track.alert;
            if (alert == null) {
                continue;
            }
            boolean silenceOver = alert.state() == Alert.State.ACKNOWLEDGED && !now.isBefore(alert.silencedUntil());
            boolean unansweredTooLong = alert.state() == Alert.State.UNACKNOWLEDGED && alert.priority() == Priority.HIGH
                    && !now.isBefore(track.announcedAt.plus(settings.reannounceInterval()));
            if (silenceOver || unansweredTooLong) {
                change(track, alert.reannounced(now));
            }
        }
    }

    private void raiseTechnical(Patient patient, String id, String text, Instant now) {
        if (patient.device.alert == null) { // one technical alarm at a time: the first cause stands
            change(patient.device, Alert.technical(nextId(), id, text, now));
        }
    }

    /** The patient as just heard from: the newest in the order of silence, added if new (forgetting the longest silent when full). */
    private Patient heardFrom(String id, Instant now) {
        Patient patient = patients.remove(id);
        if (patient == null) {
            patient = new Patient();
            if (patients.size() >= MAX_PATIENTS) {
                Map.Entry<String, Patient> longestSilent = patients.entrySet().iterator().next();
                forget(longestSilent.getKey(), longestSilent.getValue(), now);
            }
        }
        patients.put(id, patient);
        patient.heardAt = now;
        return patient;
    }

    private void forget(String id, Patient patient, Instant now) {
        patients.remove(id);
        for (Track track : patient.tracks()) {
            if (track.alert != null) {
                change(track, track.alert.cleared(NO_LONGER_MONITORED, now));
            }
        }
    }

    /** Makes {@code next} the alert's state: the track, the active snapshot, the history, then the listener. */
    private void change(Track track, Alert next) {
        if (next.isActive()) {
            track.alert = next;
            trackOfActive.put(next.id(), track);
        } else {
            track.alert = null;
            trackOfActive.remove(next.id());
        }
        switch (next.event()) {
            case RAISED, ESCALATED, REANNOUNCED -> track.announcedAt = next.updatedAt(); // it just sounded
            case ACKNOWLEDGED, EASED, CLEARED -> { }
        }
        active = Active.of(trackOfActive.values().stream().map(t -> t.alert).toList());
        history.addFirst(next);
        if (++historySize > HISTORY_CAPACITY) {
            history.removeLast();
            historySize--;
        }
        try {
            listener.changed(next);
        } catch (RuntimeException e) {
            LOG.error("the alert listener failed on {} ({} {}); the center goes on", next.id(), next.source(),
                    next.event().wireName(), e);
        }
    }

    private String nextId() {
        return idPrefix + "A" + ++lastId;
    }

    private void tickOrLog() {
        try {
            tick();
        } catch (RuntimeException e) { // a scheduled task that throws is never run again
            LOG.error("alert tick failed; the next one runs as usual", e);
        }
    }

    /** "6 s", or "1.5 s" for a staleness a test set shorter. */
    private static String seconds(Duration duration) {
        return Parameter.format(duration.toMillis() / 1000.0) + " s";
    }
}
