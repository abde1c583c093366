package org.livevitals.security.alerts;

import java.util.ArrayList;
import java.util.List;

/** An {@link AlertListener} that keeps every change it is told, in order, for a test to check. */
final class AlertRecorder implements AlertListener {

    private final List<Alert> changes = new ArrayList<>();

    @Override
    public synchronized void changed(Alert alert) {
        changes.add(alert);
    }

    synchronized List<Alert> all() {
        return List.copyOf(changes);
    }

    /** The changes of alerts from {@code source} ({@code SpO2}, {@code NEWS2}, {@code device}). */
    synchronized List<Alert> of(String source) {
        return changes.stream().filter(alert -> alert.source().equals(source)).toList();
    }

    /** The changes of alerts from {@code source} since the last take, which are then forgotten. */
    synchronized List<Alert> take(String source) {
        List<Alert> taken = of(source);
        changes.removeAll(taken);
        return taken;
    }

    /** Forgets what was recorded, so a test checks only what comes next. */
    synchronized void clear() {
        changes.clear();
    }
}
