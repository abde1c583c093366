package org.livevitals.cli;

import org.livevitals.rawsockets.ArgumentChecks;

/**
 * The ranges that options of several programs accept, each written once. An option's help quotes
 * the constant and its check hands the same constant to {@link Launcher#checkRange}, so the help
 * and the error cannot name different ranges. They are constant expressions because a picocli
 * description is an annotation value.
 */
public final class Ranges {

    /** A port a server listens on: 0 takes any free one. */
    public static final String LISTEN_PORT = "0.." + ArgumentChecks.MAX_PORT;

    /** A port a client connects to. */
    public static final String PORT = "1.." + ArgumentChecks.MAX_PORT;

    /** A pause in milliseconds, at most an hour: a device or feed that waits longer has stopped. */
    public static final String PAUSE_MILLIS = "1.." + 60 * 60 * 1000;

    /** How long a server lets a connection be silent, in seconds: at most a day. */
    public static final String IDLE_TIMEOUT_SECONDS = "1.." + 24 * 60 * 60;

    private Ranges() {}
}
