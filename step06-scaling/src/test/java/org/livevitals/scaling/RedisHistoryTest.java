package org.livevitals.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.livevitals.reconnect.StreamHistory;
import org.livevitals.testkit.Scenario;

/** Lab 6: the shared history answers "what came after n" from the Redis stream, or says it cannot. */
class RedisHistoryTest {

    /** A small history, so that it overflows. */
    private static final int CAPACITY = 3;
    private static final String EPOCH = "0123456789abcdef";

    private EmbeddedRedis redis;
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private RedisHistory history;

    @BeforeEach
    void start() throws Exception {
        redis = EmbeddedRedis.startOnFreePort();
        client = RedisClient.create(redis.uri());
        connection = client.connect();
        history = new RedisHistory(connection.sync(), CAPACITY, EPOCH);
    }

    @AfterEach
    void stop() {
        connection.close();
        client.shutdown();
        redis.close();
    }

    /** What publish.lua does for a message, without the publication. */
    private void keep(String patient, String json) {
        long seq = connection.sync().incr(RedisKeys.SEQ);
        connection.sync().xadd(RedisKeys.STREAM, io.lettuce.core.XAddArgs.Builder.maxlen(CAPACITY).id(RedisKeys.streamId(seq)),
                java.util.Map.of("patient", patient, "json", json));
    }

    @Test
    @Scenario("L6-08")
    void aResumeIsAnsweredFromTheStreamWhileItKeepsWhatWasMissedAndRefusedOnceItDoesNot() {
        for (int pulse = 61; pulse <= 65; pulse++) {
            keep("P001", "{\"type\":\"reading\",\"pulse\":" + pulse + "}");
        } // numbers 1..5; the stream keeps 3, 4 and 5

        assertThat(history.latestSeq()).as("the cluster's latest number").isEqualTo(5);
        List<StreamHistory.Numbered> missed = history.after(2).orElseThrow(() -> new AssertionError("after 2 should be kept"));
        assertThat(missed).as("what came after 2, numbered").containsExactly(
                new StreamHistory.Numbered(3, "P001", "{\"type\":\"reading\",\"pulse\":63,\"seq\":3}"),
                new StreamHistory.Numbered(4, "P001", "{\"type\":\"reading\",\"pulse\":64,\"seq\":4}"),
                new StreamHistory.Numbered(5, "P001", "{\"type\":\"reading\",\"pulse\":65,\"seq\":5}"));
        assertThat(history.after(5)).as("nothing after the latest").contains(List.of());
        assertThat(history.after(1)).as("after 1: message 2 is gone, so a replay would have a hole").isEmpty();
    }
}
