package org.livevitals.reconnect;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jetty.util.Fields;
import org.livevitals.broadcast.BadMessageException;
import org.livevitals.rawsockets.WireText;

/**
 * What a reconnecting dashboard asks for: "I saw epoch E up to message N; send me the rest".
 *
 * <p>It comes in the WebSocket URL, {@code /ws?epoch=E&lastSeq=N}, so the server knows before the
 * first message whether to replay or to send a snapshot. Both values come from the client and are
 * checked like any other input: a malformed request gets an error and a snapshot, never a crash.
 *
 * @param epoch   the epoch the client last saw
 * @param lastSeq the last sequence number it received in that epoch
 */
public record ResumeRequest(String epoch, long lastSeq) {

    public static final String EPOCH = "epoch";
    public static final String LAST_SEQ = "lastSeq";

    /** An epoch is short and plain: letters, digits, {@code -} and {@code _}, up to 64 of them. */
    private static final Pattern EPOCH_SYNTAX = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** A sequence number is a plain decimal, at most 18 digits (it fits a long and JavaScript's exact integers do not matter below 2^53). */
    private static final Pattern SEQ_SYNTAX = Pattern.compile("0|[1-9][0-9]{0,17}");

    /**
     * Reads the request from a connection's query: empty when the client asks for none (a first
     * connection).
     *
     * @throws BadMessageException when the query asks to resume but not in a form the server can use
     */
    public static Optional<ResumeRequest> from(Fields query) throws BadMessageException {
        List<String> epochs = valuesOf(query, EPOCH);
        List<String> seqs = valuesOf(query, LAST_SEQ);
        if (epochs.isEmpty() && seqs.isEmpty()) {
            return Optional.empty();
        }
        if (epochs.size() != 1 || seqs.size() != 1) {
            throw new BadMessageException("to resume, send " + EPOCH + " and " + LAST_SEQ + " once each");
        }
        String epoch = epochs.get(0);
        String seq = seqs.get(0);
        if (!EPOCH_SYNTAX.matcher(epoch).matches()) {
            throw new BadMessageException(EPOCH + " \"" + WireText.printable(abbreviated(epoch))
                    + "\" is not an epoch: up to 64 letters, digits, - or _");
        }
        if (!SEQ_SYNTAX.matcher(seq).matches()) {
            throw new BadMessageException(LAST_SEQ + " \"" + WireText.printable(abbreviated(seq))
                    + "\" is not a sequence number: a whole number from 0, in decimal");
        }
        return Optional.of(new ResumeRequest(epoch, Long.parseLong(seq)));
    }

    /** Whether {@code text} has the form of an epoch; the client checks what a server says too. */
    static boolean isEpoch(String text) {
        return EPOCH_SYNTAX.matcher(text).matches();
    }

    private static List<String> valuesOf(Fields query, String name) {
        List<String> values = query.getValues(name);
        return values == null ? List.of() : values; // Jetty gives null for a name that is not there
    }

    /** Echoes at most 40 characters of a bad value: enough to recognise it, not a way to fill a log. */
    private static String abbreviated(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
