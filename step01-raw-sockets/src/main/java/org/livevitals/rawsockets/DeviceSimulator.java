package org.livevitals.rawsockets;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated bedside device: sends one patient's vitals at a fixed rate and reconnects on its own
 * when the server goes away.
 *
 * <p>With raw sockets nothing reconnects for you. When a write fails or the server hangs up, the
 * device waits {@code reconnectDelay} (so a restarting server is not hammered) and dials again,
 * for as long as it runs. Every line gets a reply, and the device reads it before sending the
 * next, so it can see {@code ERR} answers and count acknowledgements. A reply that does not come
 * within the reply timeout counts as a dead connection too.
 *
 * <p>From Lab 5 the server can send commands down the same connection ({@code CMD <id> <command>},
 * see {@link DeviceRegistry}), and the device answers each: {@code request-reading} sends a fresh
 * reading at once, then {@code DONE <id> reading sent}; {@code reset} restarts the numbers from
 * the patient's baseline ({@link VitalsGenerator#reset()}), then {@code DONE <id> device reset};
 * anything else gets {@code FAIL <id> unknown command '...'}.
 */
public final class DeviceSimulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeviceSimulator.class);
    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;
    /**
     * How long the device waits for the server's reply to a line. A server that accepted the
     * connection but hung, or a network path that died without a reset (a half-open connection),
     * sends nothing at all, ever: without a limit the device would wait for good instead of
     * reconnecting.
     */
    public static final Duration DEFAULT_REPLY_TIMEOUT = Duration.ofSeconds(5);
    /** Lines from the server waiting for the device's loop, and commands deferred while a reply is awaited. */
    static final int MAX_QUEUED_LINES = 64;
    /** The longest line the device takes from the server; the server's own limit for devices. */
    static final int MAX_LINE_BYTES = ServerLimits.DEFAULT_MAX_LINE_BYTES;
    /** {@code CMD <id> <command>}; the command is any text, so an unknown one can be answered {@code FAIL}. */
    private static final Pattern COMMAND = Pattern.compile("CMD (\\d{1,18}) (.*)", Pattern.DOTALL);

    private final String host;
    private final int port;
    private final VitalsGenerator vitals;
    private final Duration interval;
    private final Duration reconnectDelay;
    private final Duration replyTimeout;
    private final VitalsLineCodec codec = new VitalsLineCodec();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Socket socket;

    public DeviceSimulator(String host, int port, VitalsGenerator vitals, Duration interval, Duration reconnectDelay) {
        this(host, port, vitals, interval, reconnectDelay, DEFAULT_REPLY_TIMEOUT);
    }

    public DeviceSimulator(String host, int port, VitalsGenerator vitals, Duration interval, Duration reconnectDelay,
            Duration replyTimeout) {
        this.host = Objects.requireNonNull(host, "host");
        this.port = ArgumentChecks.port(port, "the server port");
        this.vitals = vitals;
        this.interval = ArgumentChecks.atLeastOneMilli(interval, "the interval between readings");
        this.reconnectDelay = ArgumentChecks.atLeastOneMilli(reconnectDelay, "the reconnect delay");
        SocketTimeouts.millis(replyTimeout, "the reply timeout");
        this.replyTimeout = replyTimeout;
        this.thread = new Thread(this::runUntilClosed, "device-" + vitals.patientId());
    }

    public DeviceSimulator start() {
        thread.start();
        return this;
    }

    /** Readings the server answered with {@code OK}. */
    public long acknowledged() {
        return acknowledged.get();
    }

    /** Successful connections so far: more than one means the device reconnected. */
    public long connections() {
        return connections.get();
    }

    private void runUntilClosed() {
        while (running) {
            try (Socket connected = connect()) {
                sendReadings(connected);
            } catch (IOException e) {
                if (running) {
                    log.warn("{}: server {}:{} unavailable ({}); retrying in {} ms",
                            vitals.patientId(), host, port, e.getMessage(), reconnectDelay.toMillis());
                }
            }
            if (running) {
                pause(reconnectDelay);
            }
        }
    }

    private Socket connect() throws IOException {
        Socket connected = new Socket();
        socket = connected;
        connected.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
        connected.setSoTimeout(SocketTimeouts.millis(replyTimeout, "the reply timeout")); // readLine() waits no longer
        connected.setKeepAlive(true);
        connections.incrementAndGet();
        log.info("{}: connected to {}:{}", vitals.patientId(), host, port);
        return connected;
    }

    /**
     * The device's side of one connection. A reader thread only frames the server's lines and
     * queues them; everything the lines mean is decided here, on the device's one thread, so the
     * protocol stays a simple sequence: send a reading, await its reply, answer any commands, and
     * wait for a command (not just sleep) until the next reading is due.
     */
    private void sendReadings(Socket connected) throws IOException {
        OutputStream out = connected.getOutputStream();
        BlockingQueue<Frame> incoming = new ArrayBlockingQueue<>(MAX_QUEUED_LINES);
        Deque<String> commands = new ArrayDeque<>(); // commands that arrived while a reply was awaited
        Thread reader = startReader(connected, incoming);
        try {
            while (running) {
                sendReading(out, incoming, commands);
                long nextReadingDue = System.nanoTime() + interval.toNanos();
                String command;
                while (running && (command = nextCommand(commands, incoming, nextReadingDue)) != null) {
                    answer(command, out, incoming, commands);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // close() wants the device to stop
            running = false;
        } finally {
            reader.interrupt();
        }
    }

    /** Sends the next reading and awaits the server's reply to it, which it returns. */
    private String sendReading(OutputStream out, BlockingQueue<Frame> incoming, Deque<String> commands)
            throws IOException, InterruptedException {
        String line = codec.encode(vitals.next());
        write(out, line);
        String reply = awaitReply(incoming, commands);
        String heard = WireText.escaped(reply); // the server's words: escaped before they reach the log
        if (reply.startsWith("OK")) {
            acknowledged.incrementAndGet();
            log.info("{} -> {}  <- {}", vitals.patientId(), line, heard);
        } else {
            log.warn("{} -> {}  <- {}", vitals.patientId(), line, heard);
        }
        return reply;
    }

    /**
     * The server's reply to the line just sent: the next line that is not a command. A command
     * that comes first waits in {@code commands}: the device finishes one exchange before it
     * starts another.
     */
    private String awaitReply(BlockingQueue<Frame> incoming, Deque<String> commands) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + replyTimeout.toNanos();
        while (true) {
            Frame frame = incoming.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (frame == null) {
                throw new SocketTimeoutException("Read timed out"); // a hung server or a half-open connection
            }
            String line = lineOf(frame);
            if (line != null && isCommand(line)) {
                defer(line, commands);
            } else if (line != null) {
                return line;
            }
        }
    }

    /** The next command to answer: one deferred earlier, or one that arrives before {@code dueNanos}; null when none did. */
    private String nextCommand(Deque<String> commands, BlockingQueue<Frame> incoming, long dueNanos)
            throws IOException, InterruptedException {
        if (!commands.isEmpty()) {
            return commands.poll();
        }
        Frame frame;
        while ((frame = incoming.poll(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS)) != null) {
            String line = lineOf(frame);
            if (line != null && isCommand(line)) {
                return line;
            }
            if (line != null) {
                log.warn("{}: ignored a line it was not waiting for: {}", vitals.patientId(), WireText.escaped(line));
            }
        }
        return null; // the next reading is due
    }

    /** Does what {@code CMD <id> <command>} asks and answers {@code DONE <id> ...} or {@code FAIL <id> ...}. */
    private void answer(String line, OutputStream out, BlockingQueue<Frame> incoming, Deque<String> commands)
            throws IOException, InterruptedException {
        Matcher command = COMMAND.matcher(line);
        if (!command.matches()) {
            log.warn("{}: ignored a command without an id to answer: {}", vitals.patientId(), WireText.escaped(line));
            return;
        }
        String id = command.group(1);
        String name = command.group(2);
        Optional<DeviceCommand> known = DeviceCommand.fromWireName(name);
        String answer;
        if (known.isEmpty()) {
            answer = "FAIL " + id + " unknown command '" + WireText.printable(name) + "'";
        } else if (known.get() == DeviceCommand.REQUEST_READING) {
            String reply = sendReading(out, incoming, commands); // the fresh reading first, acknowledged as any other
            answer = reply.startsWith("OK") ? "DONE " + id + " reading sent"
                    : "FAIL " + id + " the server refused the reading: " + WireText.printable(reply);
        } else {
            vitals.reset();
            answer = "DONE " + id + " device reset";
        }
        write(out, answer);
        log.info("{}: {} -> {}", vitals.patientId(), WireText.escaped(line), answer);
    }

    private void defer(String command, Deque<String> commands) {
        if (commands.size() < MAX_QUEUED_LINES) {
            commands.add(command);
        } else {
            log.warn("{}: too many commands at once; dropped {}", vitals.patientId(), WireText.escaped(command));
        }
    }

    /** The text of a line from the server; null (logged) for one the device cannot read; an exception at end of stream. */
    private String lineOf(Frame frame) throws IOException {
        if (frame instanceof Frame.Line line) {
            return line.text();
        }
        if (frame instanceof Frame.End) {
            throw new IOException("server closed the connection");
        }
        log.warn("{}: ignored an unreadable line from the server ({})", vitals.patientId(), frame);
        return null;
    }

    private static boolean isCommand(String line) {
        return line.equals("CMD") || line.startsWith("CMD ");
    }

    private static void write(OutputStream out, String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /**
     * Starts the thread that only reads: it frames the server's lines with Lab 1's own
     * {@link LineFramer} (so a server's endless line cannot fill the device's memory either) and
     * queues them. The queue is bounded: a server that floods the device waits for room, as TCP
     * makes any fast sender wait for a slow reader.
     */
    private Thread startReader(Socket connected, BlockingQueue<Frame> incoming) throws IOException {
        LineFramer framer = new LineFramer(connected.getInputStream(), MAX_LINE_BYTES, bytes -> { });
        Thread reader = new Thread(() -> readInto(framer, incoming), "device-" + vitals.patientId() + "-reader");
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    private static void readInto(LineFramer framer, BlockingQueue<Frame> incoming) {
        try {
            Frame frame;
            do {
                frame = nextFrame(framer);
                incoming.put(frame);
            } while (!(frame instanceof Frame.End));
        } catch (InterruptedException e) {
            // the device's loop has left this connection: nobody reads the queue any more
        }
    }

    /**
     * The next frame from the server. The socket's reply timeout only wakes this read (the device's
     * loop keeps its own time: between readings the server rightly says nothing); a failed read
     * ends the connection like an end of stream.
     */
    private static Frame nextFrame(LineFramer framer) {
        while (true) {
            try {
                return framer.next();
            } catch (SocketTimeoutException e) {
                // nothing yet; the framer keeps any half line for the next read
            } catch (IOException e) {
                return new Frame.End(0);
            }
        }
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis()); // the device's own pace, not a test waiting
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Stops sending, hangs up, and waits for the device thread to end. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        Socket current = socket;
        if (current != null) {
            try {
                current.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
