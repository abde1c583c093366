package org.livevitals.reconnect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The history's bound and its answers at the edges: nothing kept past the capacity, no gap ever replayed as if whole. */
class InMemoryHistoryTest {

    private static InMemoryHistory withMessages(int capacity, int appended) {
        InMemoryHistory history = new InMemoryHistory(capacity);
        IntStream.rangeClosed(1, appended).forEach(i -> history.append("P001", seq -> "{\"n\":" + seq + "}"));
        return history;
    }

    @Test
    void numbersStartAtOneAndTheTextHasItsNumber() {
        InMemoryHistory history = new InMemoryHistory(3);
        assertThat(history.latestSeq()).isZero();
        StreamHistory.Numbered first = history.append("P001", seq -> SequenceStamp.withSeq("{\"type\":\"reading\"}", seq));
        assertThat(first).isEqualTo(new StreamHistory.Numbered(1, "P001", "{\"type\":\"reading\",\"seq\":1}"));
    }

    @Test
    void itKeepsOnlyTheLastCapacityMessages() {
        InMemoryHistory history = withMessages(3, 10);
        assertThat(history.latestSeq()).isEqualTo(10);
        assertThat(history.after(7)).hasValueSatisfying(missed ->
                assertThat(missed).extracting(StreamHistory.Numbered::seq).containsExactly(8L, 9L, 10L));
        assertThat(history.after(6)).as("seq 7 is no longer kept").isEmpty();
        assertThat(history.after(10)).hasValueSatisfying(missed -> assertThat(missed).isEmpty());
    }

    @Test
    void aFreshHistoryCanReplayEverythingFromZero() {
        assertThat(withMessages(5, 2).after(0)).hasValueSatisfying(missed -> assertThat(missed).hasSize(2));
        assertThat(withMessages(5, 0).after(0)).hasValueSatisfying(missed -> assertThat(missed).isEmpty());
    }

    @Test
    void aNumberAheadOfTheHistoryIsACallersMistake() {
        assertThatThrownBy(() -> withMessages(5, 2).after(3)).hasMessageContaining("ahead");
    }

    @Test
    void everyHistoryHasItsOwnEpoch() {
        assertThat(new InMemoryHistory(1).epoch()).matches("[0-9a-f]{16}").isNotEqualTo(new InMemoryHistory(1).epoch());
    }

    @Test
    void aSequenceNumberGoesAtTheEndSoAStampAtTheFrontStaysThere() {
        assertThat(SequenceStamp.withSeq("{\"stamp\":1,\"type\":\"reading\"}", 42))
                .isEqualTo("{\"stamp\":1,\"type\":\"reading\",\"seq\":42}");
        assertThatThrownBy(() -> SequenceStamp.withSeq("[1]", 1)).hasMessageContaining("not a JSON object");
    }
}
