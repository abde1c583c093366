package org.livevitals.reconnect;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A {@link ReconnectingClient} under test, with every event it reported, in order, and a cursor: a
 * test awaits the next event of a kind after the last one it awaited, so "lost, then retrying, then
 * resumed" is checked as exactly that order.
 */
final class RecordedClient implements AutoCloseable {

    static final Duration PATIENCE = Duration.ofSeconds(15);
    /** Look often: a scenario awaits hundreds of events, and Awaitility's default first look waits 100 ms. */
    private static final Duration POLL = Duration.ofMillis(10);

    final String name;
    final ReconnectingClient client;
    final List<StreamEvent> events = new CopyOnWriteArrayList<>();
    /** When each event happened (System.nanoTime), index for index with {@link #events}. */
    final List<Long> times = new CopyOnWriteArrayList<>();
    private int cursor;

    RecordedClient(String name, WebSocketClient jetty, ScheduledExecutorService timer, List<URI> urls, Backoff backoff,
            Duration stableAfter, RandomGenerator random) {
        this.name = name;
        this.client = new ReconnectingClient(jetty, timer, urls, backoff, stableAfter, random, event -> {
            times.add(System.nanoTime());
            events.add(event);
        });
    }

    /** Waits for the next event of {@code type} that matches, after the last one awaited; returns it. */
    <T extends StreamEvent> T expect(Class<T> type, String awaited, Predicate<T> matches) {
        int[] found = {-1};
        await("[" + name + "] " + awaited + " (events so far: " + summary() + ")").atMost(PATIENCE)
                .pollDelay(Duration.ZERO).pollInterval(POLL).until(() -> {
            for (int i = cursor; i < events.size(); i++) {
                if (type.isInstance(events.get(i)) && matches.test(type.cast(events.get(i)))) {
                    found[0] = i;
                    return true;
                }
            }
            return false;
        });
        cursor = found[0] + 1;
        return type.cast(events.get(found[0]));
    }

    <T extends StreamEvent> T expect(Class<T> type) {
        return expect(type, "a " + type.getSimpleName(), event -> true);
    }

    /** When the event {@link #expect} returned last happened. */
    long timeOfLast() {
        return times.get(cursor - 1);
    }

    /** The sequence numbers of every reading delivered so far, in order. */
    List<Long> readingSeqs() {
        List<Long> seqs = new ArrayList<>();
        events.forEach(event -> {
            if (event instanceof StreamEvent.Reading reading) {
                seqs.add(reading.seq());
            }
        });
        return seqs;
    }

    <T extends StreamEvent> List<T> all(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The events, readings left out (there may be hundreds), for failure messages. */
    String summary() {
        List<String> shown = new ArrayList<>();
        int readings = 0;
        for (StreamEvent event : events) {
            if (event instanceof StreamEvent.Reading) {
                readings++;
            } else {
                shown.add((readings > 0 ? readings + " readings, " : "") + brief(event));
                readings = 0;
            }
        }
        if (readings > 0) {
            shown.add(readings + " readings");
        }
        return String.join("; ", shown);
    }

    private static String brief(StreamEvent event) {
        return event instanceof StreamEvent.Snapshot s ? "Snapshot[epoch=" + s.epoch() + ", seq=" + s.seq() + "]" : event.toString();
    }

    @Override
    public void close() {
        client.close();
    }
}
