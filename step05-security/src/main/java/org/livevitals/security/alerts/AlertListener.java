package org.livevitals.security.alerts;

/**
 * Told every change of every alert, in the order they happen: the seam through which alerts leave
 * the {@link AlertCenter} (the server numbers each change and streams it to the dashboards).
 *
 * <p>Called while the center holds its lock, so that two changes are never told out of order: keep
 * it short, and never wait in it for another thread that may need the center. An exception it
 * throws is logged, and the center goes on.
 */
@FunctionalInterface
public interface AlertListener {

    void changed(Alert alert);
}
