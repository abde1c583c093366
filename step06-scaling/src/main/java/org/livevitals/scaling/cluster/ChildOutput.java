package org.livevitals.scaling.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads what a child process prints (stdout and stderr merged) on a thread of its own: each line goes to
 * a sink (the launcher prints it behind the child's name), and the last {@value #KEPT_LINES} are kept to
 * explain a child that will not start. A child whose output nobody reads blocks once the pipe is full.
 */
final class ChildOutput {

    /** Enough to see why a child failed; a child that logs for hours cannot fill the heap. */
    static final int KEPT_LINES = 40;

    private final Deque<String> last = new ArrayDeque<>();
    private final Thread reader;

    private ChildOutput(Process process, String name, Consumer<String> sink) {
        this.reader = new Thread(() -> read(process, sink), name + "-output");
        this.reader.setDaemon(true);
    }

    /** Starts reading {@code process}'s output; {@code name} names the thread. */
    static ChildOutput follow(Process process, String name, Consumer<String> sink) {
        ChildOutput output = new ChildOutput(process, name, sink);
        output.reader.start();
        return output;
    }

    private void read(Process process, Consumer<String> sink) {
        try (BufferedReader in = process.inputReader(Charset.defaultCharset())) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (last) {
                    if (last.size() == KEPT_LINES) {
                        last.removeFirst();
                    }
                    last.addLast(line);
                }
                try {
                    sink.accept(line);
                } catch (RuntimeException e) {
                    // a sink that fails must not stop the reading, or the child blocks on a full pipe
                }
            }
        } catch (IOException e) {
            // the pipe broke: the child is gone, which its exit code tells
        }
    }

    /** The last lines, oldest first. */
    List<String> lastLines() {
        synchronized (last) {
            return new ArrayList<>(last);
        }
    }

    /** " Its last lines: ..." for a failure message, or "" when it printed nothing. */
    String describe() {
        List<String> lines = lastLines();
        return lines.isEmpty() ? " It printed nothing." : " Its last lines:\n  " + String.join("\n  ", lines);
    }

    /** Waits (a bounded time) for the output to end, so the last lines are all there. */
    void awaitEnd(long millis) {
        try {
            reader.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
