package org.livevitals.testkit;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The last lines a process printed, and only those: enough to explain a failure, bounded so a
 * chatty server running for a whole test cannot fill the test JVM's heap.
 *
 * <p>One thread adds while others take copies, so every method is synchronized.
 */
final class RecentLines {

    private final int capacity;
    private final ArrayDeque<String> lines;
    private long dropped;

    RecentLines(int capacity) {
        this.capacity = capacity;
        this.lines = new ArrayDeque<>(capacity);
    }

    synchronized void add(String line) {
        if (lines.size() == capacity) {
            lines.removeFirst();
            dropped++;
        }
        lines.addLast(line);
    }

    synchronized List<String> copy() {
        return List.copyOf(lines);
    }

    /** The last {@code count} lines, indented one per line, saying how many earlier ones are left out. */
    synchronized String describeLast(int count) {
        List<String> all = List.copyOf(lines);
        List<String> last = all.subList(Math.max(0, all.size() - count), all.size());
        long leftOut = dropped + all.size() - last.size();
        if (last.isEmpty()) {
            return "no output";
        }
        StringBuilder text = new StringBuilder(leftOut > 0 ? "its last " + last.size() + " lines of output ("
                + leftOut + " earlier lines left out):" : "its output:");
        last.forEach(line -> text.append("\n    ").append(line));
        return text.toString();
    }
}
