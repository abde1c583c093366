package org.livevitals.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The recorder's failure messages; events are fed to its listener methods as Jetty would. */
class WebSocketRecorderTest {

    @Test
    void aWrongEventFailsWithTheRecordersNameWhatWasAwaitedAndWhatArrived() {
        WebSocketRecorder recorder = new WebSocketRecorder("dashboard-3");
        recorder.onWebSocketClose(1006, "Disconnected");

        assertThatThrownBy(() -> recorder.assertTextMessage("P001"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("[dashboard-3] Awaited text message 'P001' but close 1006 'Disconnected' arrived instead");
    }

    @Test
    void aMismatchOfTheRightKindOfEventFailsWithTheRecordersName() {
        WebSocketRecorder recorder = new WebSocketRecorder("dashboard-3");
        recorder.onWebSocketText("P002");

        assertThatThrownBy(() -> recorder.assertTextMessage("P001"))
                .hasMessage("[dashboard-3] Awaited text message 'P001' but text message 'P002' arrived instead");
    }

    @Test
    void eventsLeftUnreadFailWithTheRecordersName() {
        WebSocketRecorder recorder = new WebSocketRecorder("dashboard-3");
        recorder.onWebSocketText("P001");

        assertThatThrownBy(recorder::assertExhausted)
                .hasMessage("[dashboard-3] Expected no more events, but these were left unread: [text message 'P001']");
    }
}
