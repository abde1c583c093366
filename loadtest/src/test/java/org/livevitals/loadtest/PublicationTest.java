package org.livevitals.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.livevitals.broadcast.VitalsFeed;
import org.livevitals.rawsockets.VitalSigns;
import org.livevitals.reconnect.ResumeSettings;

/** The stamp the server writes is the stamp the generator reads, wherever the message sits in its buffer. */
class PublicationTest {

    private static final String READING = "{\"type\":\"reading\",\"patient\":\"P001\"}";

    @Test
    void theGeneratorReadsBackTheStampTheServerWrote() {
        long before = Micros.now();
        String stamped = Publication.stamp(READING, 17, 1_700_000_000_123_456L);
        long after = Micros.now();
        ByteBuffer in = inBuffer("xx" + stamped + "\n");

        Publication.Stamp stamp = Publication.readStamp(in, 2, stamped.length());

        assertThat(stamp.pub()).isEqualTo(17);
        assertThat(stamp.dueMicros()).isEqualTo(1_700_000_000_123_456L);
        assertThat(stamp.sentAtMicros()).isBetween(before, after);
        assertThat(stamped).endsWith(READING.substring(1));
    }

    @Test
    void lab4sNumberedReadingStillParses() throws Exception {
        // What Lab 4's server really sends: the load test's stamp at the front, the server's seq at the end.
        VitalSigns reading = VitalsFeed.simulatedPatients(1, Clock.systemUTC()).get(0).next();
        String sent;
        try (WebSocketTarget lab4 = WebSocketTarget.resume(0, 1, ResumeSettings.DEFAULTS)) {
            lab4.publish(17, 1_700_000_000_123_456L, reading);
            lab4.publish(18, 1_700_000_000_223_456L, reading);
            sent = lab4.kept().get(1).json();
        }
        ByteBuffer in = inBuffer("xx" + sent + "\n");

        Publication.Stamp stamp = Publication.readStamp(in, 2, sent.length());

        assertThat(sent).startsWith("{\"pub\":18,\"due\":1700000000223456,\"sentAt\":").endsWith(",\"seq\":2}")
                .contains("\"type\":\"reading\"");
        assertThat(stamp.pub()).isEqualTo(18);
        assertThat(stamp.dueMicros()).isEqualTo(1_700_000_000_223_456L);
        assertThat(stamp.sentAtMicros()).isPositive();
        assertThat(Publication.isEnd(in, 2, sent.length())).isFalse();
    }

    @Test
    void aMessageWithoutAStampIsNoDelivery() {
        ByteBuffer in = inBuffer(READING);

        assertThat(Publication.readStamp(in, 0, READING.length())).isNull();
        assertThat(Publication.isEnd(in, 0, READING.length())).isFalse();
    }

    @Test
    void theEndMessageIsRecognizedAndIsNoDelivery() {
        String end = Publication.end(250);
        ByteBuffer in = inBuffer(end);

        assertThat(end).isEqualTo("{\"type\":\"end\",\"published\":250}");
        assertThat(Publication.isEnd(in, 0, end.length())).isTrue();
        assertThat(Publication.readStamp(in, 0, end.length())).isNull();
    }

    @Test
    void aMessageShorterThanThePrefixIsNeitherStampNorEnd() {
        ByteBuffer in = inBuffer("{\"pub\":1");

        assertThat(Publication.readStamp(in, 0, 4)).isNull();
        assertThat(Publication.isEnd(in, 0, 4)).isFalse();
    }

    private static ByteBuffer inBuffer(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
