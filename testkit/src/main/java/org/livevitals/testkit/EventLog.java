package org.livevitals.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One ordered queue of everything a test client saw, in the order it happened.
 *
 * <p>Recording events instead of asserting inside callbacks keeps the assertions on the test's
 * own thread, and a single queue keeps the order honest: "a line, then the close" is checked as
 * exactly that. Every wait has a timeout, and when it runs out the message says what was awaited
 * and what arrived instead, so a failing scenario explains itself.
 *
 * @param <E> the recorder's event type
 */
public final class EventLog<E> {

    /** Generous on purpose: scenario tests assert behaviour, not speed. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final BlockingQueue<E> events = new LinkedBlockingQueue<>();
    private final String prefix;
    private final Duration timeout;

    public EventLog() {
        this(null, DEFAULT_TIMEOUT);
    }

    /**
     * A log whose failure messages start with {@code [name]}, so a test with ten recorders says
     * which one saw the wrong thing; {@code name} may be null.
     */
    public EventLog(String name, Duration timeout) {
        this.prefix = name == null ? "" : "[" + name + "] ";
        this.timeout = timeout;
    }

    /** Takes the next event and checks it: anything else fails with what was awaited and what arrived. */
    public <T extends E> T next(Class<T> type, String awaited, Predicate<T> matches) {
        T event = next(type, awaited);
        if (!matches.test(event)) {
            throw failure("Awaited " + awaited + " but " + event + " arrived instead");
        }
        return event;
    }

    private AssertionError failure(String message) {
        return new AssertionError(prefix + message);
    }

    /** Called by the recorder's reader thread or listener. */
    public void add(E event) {
        events.add(event);
    }

    /** Takes the next event, waiting up to the timeout; {@code awaited} describes it for the failure message. */
    public E next(String awaited) {
        try {
            E event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (event == null) {
                throw failure("Timed out after " + timeout.toSeconds() + " s awaiting "
                        + awaited + "; nothing arrived");
            }
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(prefix + "Interrupted while awaiting " + awaited, e);
        }
    }

    /** Takes the next event and checks its type: a different event fails with both named. */
    public <T extends E> T next(Class<T> type, String awaited) {
        E event = next(awaited);
        if (!type.isInstance(event)) {
            throw failure("Awaited " + awaited + " but " + event + " arrived instead");
        }
        return type.cast(event);
    }

    /** Fails if anything is left unread: a test should account for every event it caused. */
    public void assertExhausted() {
        List<E> left = new ArrayList<>();
        events.drainTo(left);
        if (!left.isEmpty()) {
            throw failure("Expected no more events, but these were left unread: " + left);
        }
    }
}
