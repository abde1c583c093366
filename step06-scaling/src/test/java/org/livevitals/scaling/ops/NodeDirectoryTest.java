package org.livevitals.scaling.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.livevitals.testkit.SettableClock;

/** The node directory: in memory (one node), and in a real Redis (a cluster), with silent nodes gone and then forgotten. */
class NodeDirectoryTest {

    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
    /** A little past a threshold, so that "past it" does not depend on rounding. */
    private static final Duration MARGIN = Duration.ofSeconds(1);

    private final SettableClock clock = new SettableClock(START);
    /** One Redis for the class, emptied before each test: starting one takes longer than every test here. */
    private static TestRedis redis;
    private RedisNodeDirectory directory;
    private RedisCommands<String, String> raw;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = new TestRedis();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        redis.close();
    }

    @BeforeEach
    void empty() {
        raw = redis.connection().sync();
        raw.flushall();
        directory = new RedisNodeDirectory(redis.connection(), clock);
    }

    private static NodeStatus status(String node, Instant at) {
        return new NodeStatus(node, "http://localhost:808" + node.charAt(1) + "/", 3, 150.5, 0.8, at);
    }

    @Test
    void everyNodeThatReportsIsListedById() {
        directory.report(status("n2", START));
        directory.report(status("n1", START));
        directory.report(new NodeStatus("n2", "http://localhost:8082/", 5, 10.0, 1.5, START)); // replaces n2's

        assertThat(directory.nodes()).containsExactly(status("n1", START),
                new NodeStatus("n2", "http://localhost:8082/", 5, 10.0, 1.5, START));
        assertThat(raw.hkeys(RedisNodeDirectory.KEY)).containsExactlyInAnyOrder("n1", "n2");
    }

    @Test
    void aSilentNodeIsGoneThenForgotten() {
        directory.report(status("n1", START));
        NodeStatus n1 = directory.nodes().get(0);

        clock.advance(NodeDirectory.GONE_AFTER.plus(MARGIN));
        assertThat(n1.isGone(clock.instant())).isTrue();
        assertThat(directory.nodes()).as("a node silent past GONE_AFTER is still listed").containsExactly(n1);

        clock.advance(NodeDirectory.FORGET_AFTER);
        assertThat(directory.nodes()).as("past FORGET_AFTER").isEmpty();
        assertThat(raw.hexists(RedisNodeDirectory.KEY, "n1")).as("removed from Redis").isFalse();
    }

    @Test
    void reportingForgetsSilentNodesEvenWhenNobodyLooks() {
        directory.report(status("n1", START));
        clock.advance(NodeDirectory.FORGET_AFTER.plus(MARGIN));
        directory.report(status("n2", clock.instant()));
        assertThat(raw.hkeys(RedisNodeDirectory.KEY)).containsExactly("n2");
    }

    @Test
    void aNodeThatReportsWhileAnotherForgetsItKeepsItsEntry() {
        directory.report(status("n1", START));
        String stale = raw.hget(RedisNodeDirectory.KEY, "n1");
        directory.report(status("n1", START.plusSeconds(2))); // between another node's read and its delete
        directory.forget("n1", stale);
        assertThat(raw.hexists(RedisNodeDirectory.KEY, "n1")).as("the fresh report survives").isTrue();

        directory.forget("n1", raw.hget(RedisNodeDirectory.KEY, "n1"));
        assertThat(raw.hexists(RedisNodeDirectory.KEY, "n1")).as("removed once unchanged").isFalse();
    }

    @Test
    void theWholeHashExpiresWhenTheClusterIsGone() {
        directory.report(status("n1", START));
        assertThat(raw.ttl(RedisNodeDirectory.KEY)).isBetween(1L, NodeDirectory.FORGET_AFTER.toSeconds());
    }

    @Test
    void anEntryNoNodeWroteIsRemovedAndTheOthersStillListed() {
        directory.report(status("n1", START));
        raw.hset(RedisNodeDirectory.KEY, "junk", "not json");
        raw.hset(RedisNodeDirectory.KEY, "n3", raw.hget(RedisNodeDirectory.KEY, "n1")); // says it is n1
        raw.hset(RedisNodeDirectory.KEY, "negative", "{\"node\":\"negative\",\"address\":\"\",\"sessions\":-1,"
                + "\"deliveriesPerSecond\":0,\"backplaneLagMs\":0,\"lastSeen\":\"2026-12-01T10:00:00Z\"}");
        raw.hset(RedisNodeDirectory.KEY, "long", "x".repeat(RedisNodeDirectory.MAX_ENTRY_CHARS + 1));

        assertThat(directory.nodes()).containsExactly(status("n1", START));
        assertThat(raw.hkeys(RedisNodeDirectory.KEY)).containsExactly("n1");
    }

    @Test
    void aListingHoldsAtMostMaxNodes() {
        IntStream.range(0, NodeDirectory.MAX_NODES + 5).forEach(i -> directory.report(status("n" + i, START)));
        assertThat(directory.nodes()).hasSize(NodeDirectory.MAX_NODES);
    }

    @Test
    void aNodeAloneKnowsOnlyItself() {
        InMemoryNodeDirectory alone = new InMemoryNodeDirectory();
        assertThat(alone.nodes()).isEmpty();
        alone.report(status("n1", START));
        alone.report(status("n1", START.plusSeconds(2)));
        assertThat(alone.nodes()).containsExactly(status("n1", START.plusSeconds(2)));
    }

    @Test
    void aStatusThatMakesNoSenseIsRefused() {
        assertThatThrownBy(() -> new NodeStatus(" ", "a", 0, 0, 0, START)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NodeStatus("n".repeat(NodeStatus.MAX_ID_CHARS + 1), "a", 0, 0, 0, START))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NodeStatus("n1", "a", -1, 0, 0, START)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NodeStatus("n1", "a", 0, Double.NaN, 0, START))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
