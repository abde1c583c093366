package org.livevitals.scaling;

import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.livevitals.rawsockets.CommandReply;
import org.livevitals.rawsockets.DeviceCommand;
import org.livevitals.security.Bedside;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Commands in a cluster: a device's TCP line ends on one node, and only that node can write to it. Each
 * node notes in Redis, with every reading its devices send, that it has the patient's device
 * ({@code livevitals:device-node:<patient>}); a command from a dashboard on any other node is passed to
 * that node, which sends it and passes the device's answer back. The note goes when the device
 * disconnects, and expires when the device has sent nothing for as long as the cluster remembers a
 * silent patient ({@link RedisBackplane#FORGET_AFTER}): then a command is answered here, offline.
 */
final class ClusterBedside implements Bedside {

    /** Added to the device's own timeout for the round trip between nodes. */
    static final Duration ROUND_TRIP = Duration.ofSeconds(2);
    /** The longest timeout a node accepts from another for one of its devices. */
    static final Duration MAX_TIMEOUT = Duration.ofMinutes(1);
    private static final String COMMAND = "command";

    private final NodeMailbox mailbox;
    private final Bedside local;
    private final Predicate<String> connectedHere;
    private final RedisCommands<String, String> redis;

    /** @param connectedHere whether a patient's device is connected to this node */
    ClusterBedside(NodeMailbox mailbox, Bedside local, Predicate<String> connectedHere, RedisCommands<String, String> redis) {
        this.mailbox = mailbox;
        this.local = local;
        this.connectedHere = connectedHere;
        this.redis = redis;
        mailbox.answer(COMMAND, this::answer);
    }

    @Override
    public CompletableFuture<CommandReply> send(String patientId, DeviceCommand command, Duration timeout) {
        if (connectedHere.test(patientId)) {
            return local.send(patientId, command, timeout);
        }
        String home;
        try {
            home = redis.get(RedisKeys.deviceNode(patientId));
        } catch (RuntimeException redisAway) {
            return CompletableFuture.completedFuture(new CommandReply(CommandReply.Outcome.FAILED,
                    "the cluster cannot be asked where the device is: " + redisAway.getMessage()));
        }
        if (home == null || home.equals(mailbox.nodeId())) {
            return local.send(patientId, command, timeout); // here or nowhere: the gateway answers offline
        }
        ObjectNode question = mailbox.newMessage(COMMAND).put("patient", patientId).put("command", command.wireName())
                .put("timeoutMs", timeout.toMillis());
        return mailbox.ask(home, question, timeout.plus(ROUND_TRIP)).handle((answer, failure) -> failure != null
                ? new CommandReply(CommandReply.Outcome.TIMEOUT, "node " + home + ", which has the device, did not answer")
                : reply(answer));
    }

    private static CommandReply reply(JsonNode answer) {
        for (CommandReply.Outcome outcome : CommandReply.Outcome.values()) {
            if (outcome.wireName().equals(answer.path("outcome").asString())) {
                return new CommandReply(outcome, answer.path("detail").asString(""));
            }
        }
        return new CommandReply(CommandReply.Outcome.FAILED, "the node with the device could not send it");
    }

    /** Another node passes on a command for a device connected here. */
    private CompletableFuture<ObjectNode> answer(JsonNode question) {
        DeviceCommand command = DeviceCommand.fromWireName(question.path("command").asString())
                .orElseThrow(() -> new IllegalArgumentException("no such command"));
        long timeoutMs = Math.max(1, Math.min(question.path("timeoutMs").asLong(), MAX_TIMEOUT.toMillis()));
        return local.send(question.path("patient").asString(), command, Duration.ofMillis(timeoutMs))
                .thenApply(reply -> mailbox.newMessage(COMMAND).put("outcome", reply.outcome().wireName())
                        .put("detail", reply.detail()));
    }
}
