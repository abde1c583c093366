package org.livevitals.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A seconds-long run of the real instrument against the real servers (each its own process; Lab 6's
 * cluster is an embedded Redis and two node processes): it must count every expected delivery and no more. Timing figures are printed by the load test,
 * never asserted here.
 */
class LoadGeneratorSmokeTest {

    private static final int CONNECTIONS = 20;
    private static final int PATIENTS = 5;
    private static final double RATE_HZ = 10;
    private static final int SECONDS = 2;
    private static final long PUBLISHED = Math.round(PATIENTS * RATE_HZ * SECONDS);

    private final LoadRun runner = new LoadRun(new PrintStream(PrintStream.nullOutputStream()));

    @ParameterizedTest
    @ValueSource(strings = {"websocket", "tcp", "websocket-core", "resume", "secure", "single-node", "cluster"})
    void everyExpectedDeliveryIsCountedAndNoMore(String server) throws Exception {
        RunResult result = runner.run(new LoadRun.Plan("smoke", server, CONNECTIONS, PATIENTS, RATE_HZ, SECONDS));

        assertThat(result.published()).isEqualTo(PUBLISHED);
        assertThat(result.expected()).isEqualTo(PUBLISHED * CONNECTIONS);
        assertThat(result.received()).as("deliveries counted").isEqualTo(result.expected());
        assertThat(result.lost()).as("lost").isZero();
        assertThat(result.duplicates()).as("duplicates").isZero();
        assertThat(result.lossless()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"websocket", "tcp", "resume", "secure", "cluster"})
    void lostAndDuplicatedPublicationsAreCountedExactly(String server) throws Exception {
        int dropEvery = 7;
        int duplicateEvery = 11;
        RunResult result = runner.run(new LoadRun.Plan("smoke", server, CONNECTIONS, PATIENTS, RATE_HZ, SECONDS, 0,
                List.of("--drop-every", String.valueOf(dropEvery), "--duplicate-every", String.valueOf(duplicateEvery))));

        long dropped = LongStream.range(0, PUBLISHED).filter(pub -> FaultyTarget.hits(pub, dropEvery)).count();
        long doubled = LongStream.range(0, PUBLISHED)
                .filter(pub -> FaultyTarget.hits(pub, duplicateEvery) && !FaultyTarget.hits(pub, dropEvery)).count();
        assertThat(result.lost()).as("lost deliveries").isEqualTo(dropped * CONNECTIONS);
        assertThat(result.duplicates()).as("duplicate deliveries").isEqualTo(doubled * CONNECTIONS);
        assertThat(result.received()).as("distinct deliveries").isEqualTo((PUBLISHED - dropped) * CONNECTIONS);
        assertThat(result.lossless()).isFalse();
    }
}
