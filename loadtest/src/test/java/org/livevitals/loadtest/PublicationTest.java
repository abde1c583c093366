package org.livevitals.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

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
