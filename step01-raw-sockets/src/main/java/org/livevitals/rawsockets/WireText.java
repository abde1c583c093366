package org.livevitals.rawsockets;

/**
 * Makes text that came off the wire safe to quote in a log line or an error reply.
 *
 * <p>Whatever a client sends may be quoted back, in an {@code ERR} reason or a log line. Raw, a
 * carriage return or an escape sequence in it would let a device forge log lines, recolour an
 * operator's terminal, or split an {@code ERR} reply in two (a reader that ends lines at
 * {@code \r} would then be one reply out of step for good). So every control character, and
 * every invisible formatting character such as a right-to-left override, is written as a visible
 * escape ({@code \r}, {@code \u001B}), the backslash itself as {@code \\}, and a long value is
 * cut short: a reason has to name what was wrong, not repeat a kilobyte of it.
 */
public final class WireText {

    /** Characters of a quoted value kept before it is cut short with {@value #CUT_MARK}. */
    public static final int MAX_QUOTED_CHARS = 64;

    static final String CUT_MARK = "...";

    private WireText() {}

    /** {@code raw} with every control or formatting character escaped, at most {@link #MAX_QUOTED_CHARS} of it: for a reason. */
    public static String printable(String raw) {
        return escape(raw, MAX_QUOTED_CHARS);
    }

    /** All of {@code raw}, with every control or formatting character escaped: for a log line or a console. */
    public static String escaped(String raw) {
        return escape(raw, Integer.MAX_VALUE);
    }

    private static String escape(String raw, int maxChars) {
        StringBuilder out = new StringBuilder();
        int kept = Math.min(raw.length(), maxChars);
        for (int i = 0; i < kept; i++) {
            char c = raw.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < raw.length() && Character.isLowSurrogate(raw.charAt(i + 1))) {
                out.append(c).append(raw.charAt(++i)); // a character beyond U+FFFF, such as an emoji: kept
                continue;
            }
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || isInvisibleFormatting(c)) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (raw.length() > kept) {
            out.append(CUT_MARK);
        }
        return out.toString();
    }

    /** Bidirectional overrides, zero-width characters, line and paragraph separators, and surrogates not in a pair. */
    private static boolean isInvisibleFormatting(char c) {
        int type = Character.getType(c);
        return type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE;
    }
}
