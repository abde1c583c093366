package org.livevitals.rawsockets;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The framer on its own, fed from memory: one byte per read is the worst TCP can do. */
class LineFramerTest {

    /** Hands out one byte per read(), like a very unlucky network. */
    private static InputStream oneByteAtATime(String text) {
        return new ByteArrayInputStream(text.getBytes(UTF_8)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };
    }

    @Test
    void multiByteCharacterSplitAcrossReadsIsDecodedWhole() throws IOException {
        LineFramer framer = new LineFramer(oneByteAtATime("Temperature=37.5°C\n"), 64, n -> { });
        assertThat(framer.next()).isEqualTo(new Frame.Line("Temperature=37.5°C"));
        assertThat(framer.next()).isEqualTo(new Frame.End(0));
    }

    @Test
    void crlfLineEndingsFromTerminalsAreAccepted() throws IOException {
        LineFramer framer = new LineFramer(oneByteAtATime("a=1\r\nb=2\n"), 64, n -> { });
        assertThat(framer.next()).isEqualTo(new Frame.Line("a=1"));
        assertThat(framer.next()).isEqualTo(new Frame.Line("b=2"));
    }

    @Test
    void lineOfExactlyTheLimitIsAcceptedAndOneByteMoreIsNot() throws IOException {
        String atLimit = "x".repeat(16);
        LineFramer framer = new LineFramer(oneByteAtATime(atLimit + "\n" + atLimit + "y\nok\n"), 16, n -> { });
        assertThat(framer.next()).isEqualTo(new Frame.Line(atLimit));
        assertThat(framer.next()).isEqualTo(new Frame.TooLong(16));
        assertThat(framer.next()).isEqualTo(new Frame.Line("ok"));
    }

    @Test
    void unfinishedLineAtEndOfStreamIsReportedAsDangling() throws IOException {
        LineFramer framer = new LineFramer(oneByteAtATime("Patient=P1|Pul"), 64, n -> { });
        assertThat(framer.next()).isEqualTo(new Frame.End(14));
    }

    @Test
    void everyReadIsReportedSoTheServerCanCountBytes() throws IOException {
        long[] counted = new long[1];
        LineFramer framer = new LineFramer(oneByteAtATime("a=1\n"), 64, n -> counted[0] += n);
        framer.next();
        assertThat(counted[0]).isEqualTo(4);
    }
}
