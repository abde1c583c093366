package org.livevitals.scaling.ops;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The directory of a node that is alone (the in-memory backplane): the only node it knows is itself,
 * as it last reported. Nothing to share, nothing to expire, and it never holds more than one status.
 */
public final class InMemoryNodeDirectory implements NodeDirectory {

    private final AtomicReference<NodeStatus> self = new AtomicReference<>();

    @Override
    public void report(NodeStatus status) {
        self.set(status);
    }

    @Override
    public List<NodeStatus> nodes() {
        NodeStatus status = self.get();
        return status == null ? List.of() : List.of(status);
    }
}
