package org.livevitals.rawsockets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Text from the wire is quoted visibly: it can neither forge a log line nor split a reply. */
class WireTextTest {

    @Test
    void controlCharactersAreWrittenAsVisibleEscapes() {
        assertThat(WireText.printable("a\rb\nc\td\u001B[31me\u0000"))
                .isEqualTo("a\\rb\\nc\\td\\u001B[31me\\u0000");
    }

    @Test
    void invisibleFormattingCharactersAndBackslashesAreEscapedToo() {
        assertThat(WireText.printable("P\u202E1\u200B\u2028\\")).isEqualTo("P\\u202E1\\u200B\\u2028\\\\");
    }

    @Test
    void ordinaryTextIncludingAccentsAndSymbolsIsKept() {
        assertThat(WireText.printable("Température=37.5 °C ♥ \uD83D\uDE00")).isEqualTo("Température=37.5 °C ♥ \uD83D\uDE00");
    }

    @Test
    void aSurrogateOutsideAPairIsEscaped() {
        assertThat(WireText.printable("a\uD83Db\uDE00")).isEqualTo("a\\uD83Db\\uDE00");
    }

    @Test
    void aLongValueIsCutShort() {
        String printable = WireText.printable("x".repeat(1000));
        assertThat(printable).hasSize(WireText.MAX_QUOTED_CHARS + WireText.CUT_MARK.length())
                .endsWith(WireText.CUT_MARK);
    }

    @Test
    void escapedKeepsAllOfALongValue() {
        assertThat(WireText.escaped("x".repeat(1000) + "\r")).hasSize(1002).endsWith("\\r");
    }
}
