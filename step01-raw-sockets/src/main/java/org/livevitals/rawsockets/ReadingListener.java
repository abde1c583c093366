package org.livevitals.rawsockets;

/**
 * Where the server hands every accepted reading.
 *
 * <p>This is the seam later steps plug into: Lab 1 logs readings, Lab 3's gateway broadcasts them
 * to dashboards over WebSocket. The server calls it on the device's own thread, so an
 * implementation must be thread-safe and quick.
 */
@FunctionalInterface
public interface ReadingListener {

    void onReading(VitalSigns reading);
}
