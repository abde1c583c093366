package org.livevitals.rawsockets;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Lab 1's constructors refuse a bad value at once, in a message that names it, and accept every
 * value the command line lets through ({@link MainTest} has the command line's own ranges).
 */
class ArgumentChecksTest {

    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final VitalsGenerator VITALS = new VitalsGenerator("P001", new Random(1), Clock.systemUTC());

    @Test
    void serverLimitsNameTheValueRefused() {
        assertThatThrownBy(() -> new ServerLimits(0, 1024, SECOND))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxDevices must be at least 1, not 0");
        assertThatThrownBy(() -> new ServerLimits(50, 15, SECOND))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxLineBytes must be at least 16, not 15");
        assertThatThrownBy(() -> new ServerLimits(50, 1024, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the idle timeout must be from 1 ms to 24 days, not 0 ms");
    }

    @Test
    void theServerRefusesAPortOutOfRangeBeforeItOpensASocket() {
        assertThatThrownBy(() -> new VitalsServer(65_536, ServerLimits.DEFAULTS, reading -> { }, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the port must be 0..65535, not 65536");
    }

    @Test
    void aDeviceRefusesAPortOrAPauseItCouldNotUseBeforeItsThreadStarts() {
        assertThatThrownBy(() -> new DeviceSimulator("localhost", 70_000, VITALS, SECOND, SECOND))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the server port must be 0..65535, not 70000");
        assertThatThrownBy(() -> new DeviceSimulator("localhost", 5050, VITALS, Duration.ZERO, SECOND))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the interval between readings must be at least 1 ms, not 0 ms");
        assertThatThrownBy(() -> new DeviceSimulator("localhost", 5050, VITALS, SECOND, Duration.ofMillis(-5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the reconnect delay must be at least 1 ms, not -5 ms");
    }

    @Test
    void theCommandLinesLargestValuesAreAccepted() {
        assertThatCode(() -> new ServerLimits(10_000, 65_536, Duration.ofDays(1))).doesNotThrowAnyException();
        assertThatCode(() -> new DeviceSimulator("localhost", 65_535, VITALS, Duration.ofHours(1), Duration.ofHours(1)))
                .doesNotThrowAnyException();
    }
}
