package org.livevitals.rawsockets;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.livevitals.rawsockets.CommandReply.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The way back to the bedside (Lab 5): sends a command down the TCP connection of a patient's
 * device and tells the caller how it ended.
 *
 * <p>Readings flow one way, from device to server; a command flows the other way, on the same
 * connection. So the registry keeps a <em>route</em> per patient: the connection that last sent
 * an accepted reading for that patient. {@link #send} writes {@code CMD <id> <command>} on it
 * and keeps the command pending until the device answers {@code DONE <id> ...} or
 * {@code FAIL <id> ...}. Every command ends exactly once, in one of the {@link Outcome}s, and
 * never by an exception: no device, a device with too much to do, silence and a dropped
 * connection are all normal at a bedside, and a clinician must be told which one happened.
 *
 * <p>Nothing here grows with input: at most {@link #MAX_PENDING_PER_DEVICE} commands wait per
 * device, a connection is the route for at most {@link #MAX_PATIENTS_PER_DEVICE} patients and
 * the registry for at most {@link #MAX_ROUTED_PATIENTS}. A patient beyond either route bound
 * still has its readings accepted; it only gets no route, so a command to it answers
 * {@code OFFLINE} (logged once per connection).
 *
 * <p>One lock guards the routes and the pending commands; futures are completed outside it, on
 * the thread that settled them (the device's, the timer's or the caller's), so keep what you
 * chain on them quick, or use the {@code ...Async} variants.
 */
public final class DeviceRegistry {

    /** How long a caller that has no better idea waits for a device's answer. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(5);
    /** Unanswered commands per device; one more is answered {@code BUSY} at once. */
    public static final int MAX_PENDING_PER_DEVICE = 8;
    /** Patients with a route, over all connections. */
    public static final int MAX_ROUTED_PATIENTS = 10_000;
    /** Patients one connection can be the route for (a bedside device serves one, a gateway a ward). */
    public static final int MAX_PATIENTS_PER_DEVICE = 64;

    static final String DISCONNECTED = "device disconnected";
    static final String SERVER_STOPPED = "server stopped";

    private static final Logger log = LoggerFactory.getLogger(DeviceRegistry.class);
    /** {@code DONE <id>} or {@code FAIL <id>}, then optionally a space and free text (any characters: they are escaped). */
    private static final Pattern ANSWER = Pattern.compile("(DONE|FAIL) (\\d{1,18})(?: (.*))?", Pattern.DOTALL);
    private static final Pattern ANSWER_KEYWORD = Pattern.compile("(DONE|FAIL)( .*)?", Pattern.DOTALL);

    private final Object lock = new Object();
    private final Map<String, Device> routes = new HashMap<>();
    private final Map<DeviceConnection, Device> devices = new HashMap<>();
    private final List<Consumer<String>> disconnectListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> routeListeners = new CopyOnWriteArrayList<>();
    /** Times commands out; its one thread starts with the first command. */
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
        Thread thread = new Thread(runnable, "device-command-timeouts");
        thread.setDaemon(true);
        return thread;
    });
    private long lastId;
    private boolean closed;

    /** One connection as the registry sees it: the patients it is the route for, and its unanswered commands. */
    private static final class Device {
        final DeviceConnection connection;
        final Set<String> patients = new LinkedHashSet<>();
        final Map<Long, Pending> pending = new HashMap<>();
        boolean toldRoutesFull;

        Device(DeviceConnection connection) {
            this.connection = connection;
        }
    }

    private record Pending(String patientId, DeviceCommand command, CompletableFuture<CommandReply> reply,
            ScheduledFuture<?> timeout) {}

    DeviceRegistry() {
        timer.setRemoveOnCancelPolicy(true); // an answered command's timeout leaves the queue at once
    }

    /**
     * Sends {@code command} to the device of {@code patientId}. Never throws and never blocks: the
     * write happens on the connection's own command thread, and the future completes with
     * {@code DONE} or {@code FAILED} (the device's words, or {@code device disconnected}),
     * {@code OFFLINE} or {@code BUSY} (at once), or {@code TIMEOUT} after {@code timeout}.
     */
    public CompletableFuture<CommandReply> send(String patientId, DeviceCommand command, Duration timeout) {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(timeout, "timeout");
        CompletableFuture<CommandReply> reply = new CompletableFuture<>();
        Device device;
        long id;
        synchronized (lock) {
            device = closed || patientId == null ? null : routes.get(patientId);
            if (device == null) {
                return CompletableFuture.completedFuture(new CommandReply(Outcome.OFFLINE,
                        "no device is connected for patient " + WireText.printable(String.valueOf(patientId))));
            }
            if (device.pending.size() >= MAX_PENDING_PER_DEVICE) {
                return CompletableFuture.completedFuture(new CommandReply(Outcome.BUSY,
                        "the device of patient " + patientId + " has " + MAX_PENDING_PER_DEVICE + " commands unanswered"));
            }
            id = ++lastId;
            long commandId = id;
            ScheduledFuture<?> timeoutTask = timer.schedule(
                    () -> settle(device, commandId, new CommandReply(Outcome.TIMEOUT, "no answer within " + text(timeout))),
                    timeout.toMillis(), TimeUnit.MILLISECONDS);
            device.pending.put(id, new Pending(patientId, command, reply, timeoutTask));
        }
        log.info("patient {}: command {} {} sent to device {}", patientId, id, command.wireName(), device.connection.device());
        device.connection.sendCommand("CMD " + id + " " + command.wireName(),
                reason -> settle(device, id, new CommandReply(Outcome.FAILED, reason)));
        return reply;
    }

    /** The patients a command can reach now: those a connected device has sent a reading for (a copy). */
    public Set<String> routedPatients() {
        synchronized (lock) {
            return closed ? Set.of() : Set.copyOf(routes.keySet());
        }
    }

    /** Whether a connected device has sent a reading for {@code patientId}, so a command can reach it. */
    public boolean isConnected(String patientId) {
        synchronized (lock) {
            return !closed && patientId != null && routes.containsKey(patientId);
        }
    }

    /**
     * Tells {@code listener} the patient id of each patient whose route was a connection that
     * closed, on that connection's thread, after its pending commands have failed. Not called
     * when the server itself stops. A listener that throws is logged; the others are still told.
     */
    public void onDisconnect(Consumer<String> listener) {
        disconnectListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Tells {@code listener} the patient id of each patient that gets a new route (its device's first
     * accepted reading, or its first on a new connection), on the connection's thread. Lab 6 tells the
     * other nodes of a cluster where the device is. A listener that throws is logged; the others are still told.
     */
    public void onRoute(Consumer<String> listener) {
        routeListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** True for a line that is a device's answer to a command (first word {@code DONE} or {@code FAIL}), well formed or not. */
    static boolean isAnswer(String line) {
        return ANSWER_KEYWORD.matcher(line).matches();
    }

    /** Makes {@code connection} the route for {@code patientId}, which it has just sent an accepted reading for. */
    void routeTo(String patientId, DeviceConnection connection) {
        if (newRoute(patientId, connection)) {
            tell(routeListeners, patientId);
        }
    }

    /** @return whether {@code connection} became the patient's route just now */
    private boolean newRoute(String patientId, DeviceConnection connection) {
        synchronized (lock) {
            Device current = routes.get(patientId);
            if (closed || (current != null && current.connection == connection)) {
                return false; // the common case: the same device again
            }
            Device device = devices.computeIfAbsent(connection, Device::new);
            boolean full = device.patients.size() >= MAX_PATIENTS_PER_DEVICE
                    || (current == null && routes.size() >= MAX_ROUTED_PATIENTS);
            if (full) {
                if (!device.toldRoutesFull) {
                    device.toldRoutesFull = true;
                    log.warn("device {}: no route for patient {}: routes are full ({} per device, {} in all); "
                            + "its readings are taken, commands to it answer offline",
                            connection.device(), patientId, MAX_PATIENTS_PER_DEVICE, MAX_ROUTED_PATIENTS);
                }
                return false;
            }
            if (current != null) {
                current.patients.remove(patientId); // the patient moved to another device (or a reconnect)
            }
            routes.put(patientId, device);
            device.patients.add(patientId);
            return true;
        }
    }

    /**
     * Settles the pending command an answer line names.
     *
     * @return empty when the answer matched a command this connection was sent, else the reason
     *         for the {@code ERR} reply
     */
    Optional<String> answer(DeviceConnection connection, String line) {
        Matcher answer = ANSWER.matcher(line);
        if (!answer.matches()) {
            return Optional.of("bad answer '" + WireText.printable(line)
                    + "': use DONE <id> <detail> or FAIL <id> <reason>");
        }
        long id = Long.parseLong(answer.group(2));
        Outcome outcome = answer.group(1).equals("DONE") ? Outcome.DONE : Outcome.FAILED;
        String detail = answer.group(3) == null ? "" : WireText.printable(answer.group(3));
        Device device;
        synchronized (lock) {
            device = devices.get(connection); // only this connection's commands: one device cannot answer for another
        }
        if (device == null || !settle(device, id, new CommandReply(outcome, detail))) {
            return Optional.of("no command " + id + " is waiting for an answer from this device");
        }
        return Optional.empty();
    }

    /**
     * A connection closed: its pending commands fail, and the patients it was the route for are
     * reported. When the server stops, {@link #close()} has already forgotten every connection,
     * so the shutdown reports nobody.
     */
    void closed(DeviceConnection connection) {
        List<Pending> abandoned;
        List<String> patients;
        synchronized (lock) {
            Device device = devices.remove(connection);
            if (device == null) {
                return; // it never sent an accepted reading, or the server is stopping
            }
            device.patients.forEach(routes::remove);
            patients = List.copyOf(device.patients);
            abandoned = new ArrayList<>(device.pending.values());
            device.pending.clear();
        }
        abandoned.forEach(pending -> finish(pending, new CommandReply(Outcome.FAILED, DISCONNECTED)));
        patients.forEach(this::tellDisconnected);
    }

    /** The server stops: every pending command fails, and every connection is forgotten before the sockets close. */
    void close() {
        List<Pending> abandoned = new ArrayList<>();
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            devices.values().forEach(device -> abandoned.addAll(device.pending.values()));
            devices.clear();
            routes.clear();
        }
        timer.shutdownNow();
        abandoned.forEach(pending -> finish(pending, new CommandReply(Outcome.FAILED, SERVER_STOPPED)));
    }

    /** Ends one pending command with {@code reply}, if it is still pending: an answer, a timeout and a failed write race. */
    private boolean settle(Device device, long id, CommandReply reply) {
        Pending pending;
        synchronized (lock) {
            pending = device.pending.remove(id);
        }
        if (pending == null) {
            return false;
        }
        finish(pending, reply);
        return true;
    }

    private static void finish(Pending pending, CommandReply reply) {
        pending.timeout().cancel(false);
        log.info("patient {}: command {} ended {}{}", pending.patientId(), pending.command().wireName(),
                reply.outcome().wireName(), reply.detail().isEmpty() ? "" : ": " + reply.detail());
        pending.reply().complete(reply);
    }

    private void tellDisconnected(String patientId) {
        tell(disconnectListeners, patientId);
    }

    private static void tell(List<Consumer<String>> listeners, String patientId) {
        for (Consumer<String> listener : listeners) {
            try {
                listener.accept(patientId);
            } catch (RuntimeException e) {
                log.error("a device listener failed for patient {}; the others are still told", patientId, e);
            }
        }
    }

    private static String text(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
