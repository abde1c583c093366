package org.livevitals.loadtest;

import org.livevitals.rawsockets.VitalSigns;

/** A server under test, seen from the publisher: WebSocket (Lab 3) or raw TCP (the baseline). */
interface BroadcastTarget extends AutoCloseable {

    /** The port clients connect to. */
    int port();

    int connections();

    /** Publishes one reading to every client, stamped with its number and due time. */
    void publish(long pub, long dueMicros, VitalSigns reading);

    /** Sends a final message to every client, after the last publication. */
    void sendToAll(String json);
}
