package org.livevitals.scaling.ops;

import java.time.Duration;
import java.util.List;

/**
 * Where the nodes of a cluster find each other for the admin's nodes panel: each node reports its
 * {@link NodeStatus} every {@link #REPORT_EVERY}, and any node can list them all.
 *
 * <p>Nobody tells the directory that a node died: a node killed with SIGKILL says nothing. So the
 * directory goes by silence. A node that has not reported for {@link #GONE_AFTER} (several missed
 * reports, not one late one) is shown as gone; after {@link #FORGET_AFTER} it is removed, so nodes that
 * come and go (a new id per deployment) do not pile up.
 */
public interface NodeDirectory {

    Duration REPORT_EVERY = Duration.ofSeconds(2);
    Duration GONE_AFTER = Duration.ofSeconds(10);
    Duration FORGET_AFTER = Duration.ofSeconds(60);
    /** The nodes a listing holds at most: a panel for a handful of nodes, not a fleet. */
    int MAX_NODES = 32;

    /** Records what a node says about itself now, replacing what it said before. */
    void report(NodeStatus status);

    /** The nodes not yet forgotten, by id, at most {@link #MAX_NODES}. */
    List<NodeStatus> nodes();
}
