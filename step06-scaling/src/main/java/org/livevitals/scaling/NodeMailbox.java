package org.livevitals.scaling;

import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.livevitals.rawsockets.WireText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A node's mailbox on Redis: one node asks another to do something only that node can (acknowledge an
 * alert it holds, send a command down a device line it holds) and gets the answer back.
 *
 * <p>Each node listens on its own topic, {@code livevitals:node:<id>}. A question carries an id and the
 * asker's name; the answer goes to the asker's topic with the same id. Pub/sub delivers to whoever
 * listens now: a question to a node that is gone reaches nobody ({@code PUBLISH} says 0 receivers) and
 * fails at once; one that is lost on the way fails when the asker's patience runs out.
 */
final class NodeMailbox implements AutoCloseable {

    /** Questions this node may wait on at once; beyond that a question fails at once. */
    static final int MAX_WAITING = 1_000;
    /** Questions from other nodes waiting to be worked on here. */
    static final int MAX_QUEUED = 1_000;
    private static final String TOPIC = "livevitals:node:";
    private static final Logger log = LoggerFactory.getLogger(NodeMailbox.class);

    private final JsonMapper json = JsonMapper.builder().build();
    private final String nodeId;
    private final StatefulRedisConnection<String, String> redis;
    private final Map<String, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();
    private final ExecutorService worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(MAX_QUEUED), runnable -> {
                Thread thread = new Thread(runnable, "node-mailbox");
                thread.setDaemon(true);
                return thread;
            }, new ThreadPoolExecutor.DiscardPolicy());
    private final Map<String, Function<JsonNode, CompletableFuture<ObjectNode>>> handlers = new ConcurrentHashMap<>();

    NodeMailbox(String nodeId, StatefulRedisConnection<String, String> redis) {
        this.nodeId = nodeId;
        this.redis = redis;
    }

    static String topicOf(String nodeId) {
        return TOPIC + nodeId;
    }

    String topic() {
        return topicOf(nodeId);
    }

    String nodeId() {
        return nodeId;
    }

    /** How this node answers questions of {@code kind}: the answer's fields, in time. */
    void answer(String kind, Function<JsonNode, CompletableFuture<ObjectNode>> handler) {
        handlers.put(kind, handler);
    }

    ObjectNode newMessage(String kind) {
        return json.createObjectNode().put("kind", kind);
    }

    /** Asks {@code node}; completes with its answer, or fails if nobody listens or it takes longer than {@code patience}. */
    CompletableFuture<JsonNode> ask(String node, ObjectNode question, Duration patience) {
        if (waiting.size() >= MAX_WAITING) {
            return CompletableFuture.failedFuture(new IllegalStateException(MAX_WAITING + " questions to other nodes are waiting"));
        }
        String id = UUID.randomUUID().toString();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        waiting.put(id, answer);
        answer.orTimeout(patience.toMillis(), TimeUnit.MILLISECONDS).whenComplete((reply, failure) -> waiting.remove(id));
        question.put("id", id).put("from", nodeId);
        redis.async().publish(topicOf(node), json.writeValueAsString(question)).whenComplete((receivers, failure) -> {
            if (failure != null) {
                answer.completeExceptionally(failure);
            } else if (receivers == 0) {
                answer.completeExceptionally(new IllegalStateException("node " + node + " is not listening"));
            }
        });
        return answer;
    }

    /** Lettuce's thread: a message on this node's topic, a question or an answer. Never blocks. */
    void hear(String text) {
        JsonNode message;
        try {
            message = json.readTree(text);
        } catch (RuntimeException unreadable) {
            log.warn("ignored a message on {} that is not JSON", topic());
            return;
        }
        String id = message.path("id").asString("");
        if ("answer".equals(message.path("kind").asString())) {
            CompletableFuture<JsonNode> answer = waiting.remove(id);
            if (answer != null) {
                answer.complete(message);
            }
            return;
        }
        worker.execute(() -> work(message, id));
    }

    private void work(JsonNode question, String id) {
        String from = question.path("from").asString("");
        var handler = handlers.get(question.path("kind").asString(""));
        if (handler == null || !ScalingSettings.NODE_ID.matcher(from).matches()) {
            log.warn("ignored a question of kind {} from {}", WireText.printable(question.path("kind").asString("")),
                    WireText.printable(from));
            return;
        }
        try {
            handler.apply(question).whenComplete((fields, failure) -> {
                ObjectNode answer = failure == null ? fields : json.createObjectNode().put("error", "it could not be done here");
                answer.put("kind", "answer").put("id", id).put("from", nodeId);
                redis.async().publish(topicOf(from), json.writeValueAsString(answer));
            });
        } catch (RuntimeException e) { // one bad question never stops the mailbox
            log.warn("could not answer a question from {}: {}", from, e.toString());
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
        waiting.values().forEach(answer -> answer.completeExceptionally(new IllegalStateException("the node is stopping")));
    }
}
