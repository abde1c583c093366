package org.livevitals.reconnect;

import java.util.List;

/**
 * What a reconnecting dashboard can be given: every message it missed, in order, or the reason it
 * cannot have them (it then gets a fresh snapshot and starts again from there).
 *
 * @param missed the messages to replay; null when the stream could not be recovered
 * @param reason why not; null when it could
 */
public record Recovery(List<StreamHistory.Numbered> missed, String reason) {

    static Recovery replay(List<StreamHistory.Numbered> missed) {
        return new Recovery(List.copyOf(missed), null);
    }

    static Recovery refused(String reason) {
        return new Recovery(null, reason);
    }

    public boolean recovered() {
        return missed != null;
    }

    /**
     * Decides whether {@code request} can be honoured from {@code history}. Three cases cannot: another
     * epoch (the numbers started again, so "after 41" means nothing here), a number the stream has not
     * reached (a client bug or a forgery), and a gap older than what the history keeps.
     */
    public static Recovery of(ResumeRequest request, StreamHistory history) {
        // Exercise 2 starts here (scenarios L4-06 L4-07 L4-10)
        if (!request.epoch().equals(history.epoch())) {
            return refused("epoch " + request.epoch() + " is not this stream's (" + history.epoch()
                    + "): the server restarted and its numbers started again");
        }
        if (request.lastSeq() > history.latestSeq()) {
            return refused("lastSeq " + request.lastSeq() + " is ahead of the stream, which is at "
                    + history.latestSeq());
        }
        return history.after(request.lastSeq())
                .map(Recovery::replay)
                .orElseGet(() -> refused("the readings after " + request.lastSeq()
                        + " are no longer kept: the history holds the last " + history.capacity()));
        // Exercise 2 ends here
    }
}
