package org.livevitals.rawsockets;

/** A count and its noun as a person writes them: {@code 1 device}, {@code 2 devices}, {@code 0 devices}. */
public final class Plural {

    private Plural() {}

    /** {@code count} and {@code noun}, with an "s" unless the count is 1 (the course's nouns are all regular). */
    public static String of(long count, String noun) {
        return count + " " + (count == 1 ? noun : noun + "s");
    }
}
