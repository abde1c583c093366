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
        assertThat(measured.rssBytes()).isPositive();
    }
}
