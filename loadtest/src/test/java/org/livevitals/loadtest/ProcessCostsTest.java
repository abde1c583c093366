package org.livevitals.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/** The bench server's reading of its own memory. */
class ProcessCostsTest {

    @Test
    void residentMemoryIsReadOnceTheCLibraryHasHandedBackItsFreeMemory() {
        // Java 17.0.15 on Linux's C library can trim (jcmd System.trim_native_heap); elsewhere the reading says it is untrimmed.
        assumeTrue(System.getProperty("os.name").equals("Linux")
                && Runtime.version().compareTo(Runtime.Version.parse("17.0.15")) >= 0, "a JVM and C library that can trim");

        ProcessCosts measured = ProcessCosts.measure(3);

        assertThat(measured.rssTrimmed()).isTrue();
        assertThat(measured.handedBackBytes()).isNotNegative();
        assertThat(measured.rssBytes()).isPositive();
    }

    @Test
    void theTrimsAnswerSaysHowMuchItHandedBack() {
        assertThat(ProcessCosts.handedBack("Trim native heap: RSS+Swap: 79084K->76320K (-2764K)")).isEqualTo(2764 * 1024L);
        assertThat(ProcessCosts.handedBack("Trim native heap: RSS+Swap: 2G->1500M (-548M)"))
                .isEqualTo((2048L - 1500) * 1024 * 1024);
        assertThat(ProcessCosts.handedBack("Trim native heap: RSS+Swap: 100K->104K (+4K)")).isZero();
    }

    @Test
    void aTrimThatCouldNotBeDoneSaysSo() {
        assertThat(ProcessCosts.handedBack("Not available.")).isEqualTo(-1);
        assertThat(new ProcessCosts(3, 1, 1, -1).rssTrimmed()).isFalse();
    }
}
