package org.livevitals.scaling;

import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.livevitals.security.Access;
import org.livevitals.security.AlertDesk;
import org.livevitals.security.Role;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Acknowledgements in a cluster: an alert lives on the node that heard the reading that raised it, and
 * only that node's alert center can acknowledge it. The alert's id names its node ({@code n2.A7}), so
 * any node can pass the acknowledgement on; the node that holds the alert checks who may, audits it and
 * publishes the change, which reaches every dashboard on every node as any alert change does.
 */
final class ClusterAlertDesk implements AlertDesk {

    /** How long a node waits for the node that holds the alert. */
    static final Duration PATIENCE = Duration.ofSeconds(5);
    private static final String ACKNOWLEDGE = "acknowledge";

    private final NodeMailbox mailbox;
    private final AlertDesk local;

    ClusterAlertDesk(NodeMailbox mailbox, AlertDesk local) {
        this.mailbox = mailbox;
        this.local = local;
        mailbox.answer(ACKNOWLEDGE, this::answer);
    }

    /** The node an alert id names: {@code n2} in {@code n2.A7}; empty for an id of this server's own kind ({@code A7}). */
    static Optional<String> nodeOf(String alertId) {
        int dot = alertId.lastIndexOf('.');
        return dot < 0 ? Optional.empty() : Optional.of(alertId.substring(0, dot));
    }

    @Override
    public CompletableFuture<Optional<String>> acknowledge(Access access, String address, String alertId) {
        String home = nodeOf(alertId).orElse(mailbox.nodeId());
        if (home.equals(mailbox.nodeId())) {
            return local.acknowledge(access, address, alertId);
        }
        ObjectNode question = mailbox.newMessage(ACKNOWLEDGE).put("alert", alertId).put("user", access.user())
                .put("role", access.role().wireName()).put("address", address);
        access.wards().forEach(question.putArray("wards")::add);
        return mailbox.ask(home, question, PATIENCE).handle((answer, failure) -> failure != null
                ? Optional.of("alert " + alertId + " is held by node " + home + ", which did not answer: try again")
                : Optional.ofNullable(answer.path("refusal").isString() ? answer.path("refusal").asString() : null));
    }

    /** Another node passes on a clinician's acknowledgement of an alert held here. */
    private CompletableFuture<ObjectNode> answer(JsonNode question) {
        Set<String> wards = new HashSet<>();
        question.path("wards").forEach(ward -> wards.add(ward.asString()));
        Access access = new Access(question.path("user").asString(), Role.fromWireName(question.path("role").asString())
                .orElseThrow(() -> new IllegalArgumentException("no such role")), wards);
        return local.acknowledge(access, question.path("address").asString(), question.path("alert").asString())
                .thenApply(refusal -> {
                    ObjectNode answer = mailbox.newMessage(ACKNOWLEDGE);
                    refusal.ifPresent(reason -> answer.put("refusal", reason));
                    return answer;
                });
    }
}
