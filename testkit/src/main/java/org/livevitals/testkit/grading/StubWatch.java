package org.livevitals.testkit.grading;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Notices an exercise stub that ran anywhere in the test JVM, so that a test failing because of it
 * is graded with the stub's pointer to the lab rather than with its consequence.
 *
 * <p>In a student's starter, a stub often throws on a server thread: a device connection, a
 * Jetty request, a broadcast lane. The test sees only the consequence (a timeout, a 500, a closed
 * stream), which tells the student nothing. But the server logs the exception, and its message
 * is the stub's pointer ({@code Lab 1, exercise 1: frame the byte stream — see ...}). So while
 * tests run, this watch reads everything written to {@code System.out} and {@code System.err}
 * on its way to Surefire (log lines, uncaught exceptions), and remembers which stub's pointer
 * went by since the current test started. Output is passed on unchanged.
 *
 * <p>It is started only where stubs are left, in this lab's code or an earlier one's
 * ({@link ExerciseStub#pointersInCourseOf}): the solution's runs are not touched. Tests run one at
 * a time in this course; a stub that a lingering thread of the previous test reaches may be blamed
 * on the next one, which in a starter is still a stub the student has to write.
 */
final class StubWatch implements AutoCloseable {

    /** {@code Lab 1, exercise 1:} identifies a stub whatever the console's encoding does to the rest. */
    private static final Pattern STUB_KEY = Pattern.compile("Lab \\d+, exercise \\d+:");
    /** A longer line is cut: a pointer sits near the start of an exception's line. */
    private static final int MAX_LINE_BYTES = 4096;

    private final Map<String, String> pointers;
    private final PrintStream originalOut;
    private final PrintStream originalErr;
    private String reachedSinceTestStarted;

    private StubWatch(Map<String, String> pointers) {
        this.pointers = pointers;
        this.originalOut = System.out;
        this.originalErr = System.err;
    }

    /** Starts watching for the stubs whose pointers are given; closing it puts the streams back. */
    static StubWatch start(Collection<String> stubPointers) {
        Map<String, String> pointers = new LinkedHashMap<>();
        for (String pointer : stubPointers) {
            Matcher key = STUB_KEY.matcher(pointer);
            if (key.lookingAt()) {
                pointers.putIfAbsent(key.group(), pointer);
            }
        }
        StubWatch watch = new StubWatch(pointers);
        System.setOut(new PrintStream(watch.new Tee(watch.originalOut), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(watch.new Tee(watch.originalErr), true, StandardCharsets.UTF_8));
        return watch;
    }

    /** A test starts: forget the stubs seen so far. */
    synchronized void testStarted() {
        reachedSinceTestStarted = null;
    }

    /**
     * The pointer of the stub behind a failure: one named in the failure's own text (the stub threw
     * on the test's thread), else the first one that ran anywhere since the test started.
     */
    synchronized Optional<String> stubBehind(String failure) {
        return Optional.ofNullable(failure).flatMap(this::pointerIn).or(() -> Optional.ofNullable(reachedSinceTestStarted));
    }

    private Optional<String> pointerIn(String text) {
        Matcher key = STUB_KEY.matcher(text);
        while (key.find()) {
            String pointer = pointers.get(key.group());
            if (pointer != null) {
                return Optional.of(pointer);
            }
        }
        return Optional.empty();
    }

    private synchronized void lineWritten(String line) {
        if (reachedSinceTestStarted == null) {
            reachedSinceTestStarted = pointerIn(line).orElse(null);
        }
    }

    @Override
    public void close() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    /** Passes every byte on, and hands each complete line to the watch. */
    private final class Tee extends OutputStream {

        private final PrintStream target;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        Tee(PrintStream target) {
            this.target = target;
        }

        @Override
        public synchronized void write(int b) {
            target.write(b);
            collect(b);
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            target.write(bytes, offset, length);
            for (int i = offset; i < offset + length; i++) {
                collect(bytes[i]);
            }
        }

        private void collect(int b) {
            if (b == '\n') {
                lineWritten(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else if (line.size() < MAX_LINE_BYTES) {
                line.write(b);
            }
        }

        @Override
        public void flush() {
            target.flush();
        }
    }
}
