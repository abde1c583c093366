package org.livevitals.scaling;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.livevitals.security.Access;
import org.livevitals.security.Wards;

/**
 * The ward topics this node listens to: those its sessions may see, and no others.
 *
 * <p>A hospital's wards are the natural groups of its stream (the "rooms" of a chat server): a nurse's
 * dashboard needs one ward, so a node with only ICU nurses on it need not hear cardiology at all. Each
 * topic is counted: the node subscribes when the first session that may see it opens, and unsubscribes
 * when the last one leaves.
 */
final class WardTopics {

    private final Wards wards;
    private final Consumer<List<String>> subscribe;
    private final Consumer<List<String>> unsubscribe;
    private final Map<String, Integer> sessionsPerTopic = new HashMap<>();

    /**
     * @param subscribe   subscribes to topics, and returns once Redis has confirmed it (or throws)
     * @param unsubscribe unsubscribes from topics
     */
    WardTopics(Wards wards, Consumer<List<String>> subscribe, Consumer<List<String>> unsubscribe) {
        this.wards = wards;
        this.subscribe = subscribe;
        this.unsubscribe = unsubscribe;
    }

    /**
     * The topics a session of {@code access} needs: the wards it may see, and the patients on no ward if
     * it may see them. Lab 5's rule decides ({@link Access#maySeeWard}), so the two cannot disagree.
     */
    Set<String> topicsFor(Access access) {
        // Exercise 1 starts here (scenarios L6-03)
        Set<String> candidates = new HashSet<>(wards.names());
        candidates.addAll(access.wards());
        Set<String> topics = new HashSet<>();
        for (String ward : candidates) {
            if (access.maySeeWard(ward)) {
                topics.add(RedisKeys.topic(Optional.of(ward)));
            }
        }
        if (access.maySeeWard(null)) {
            topics.add(RedisKeys.topic(Optional.empty()));
        }
        return topics;
        // Exercise 1 ends here
    }

    /**
     * A session opens: the node subscribes to the topics it is the first to need, before the session is
     * sent anything, so that its snapshot or replay and the live messages after it leave no gap.
     *
     * @return the topics this session made the node subscribe to
     */
    synchronized List<String> admitted(Access access) {
        List<String> first = topicsFor(access).stream()
                .filter(topic -> !sessionsPerTopic.containsKey(topic))
                .sorted()
                .toList();
        if (!first.isEmpty()) {
            subscribe.accept(first); // throws if Redis refuses: then nothing is counted
        }
        topicsFor(access).forEach(topic -> sessionsPerTopic.merge(topic, 1, Integer::sum));
        return first;
    }

    /** A session has left: the node unsubscribes from the topics nobody here needs any more. */
    synchronized void left(Access access) {
        List<String> unused = topicsFor(access).stream()
                .filter(topic -> sessionsPerTopic.computeIfPresent(topic, (name, count) -> count > 1 ? count - 1 : null) == null)
                .sorted()
                .toList();
        if (!unused.isEmpty()) {
            unsubscribe.accept(unused);
        }
    }

    /** The topics subscribed to now. */
    synchronized Set<String> subscribed() {
        return Set.copyOf(sessionsPerTopic.keySet());
    }
}
