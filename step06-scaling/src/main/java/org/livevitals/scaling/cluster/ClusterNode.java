package org.livevitals.scaling.cluster;

import java.io.IOException;
import org.livevitals.scaling.Main;

/**
 * How the launcher starts a node: this step's {@code Main}, plus a watch on the launcher.
 *
 * <p>A node runs in its own session (see {@link ChildProcesses#startDetached}), so it does not get the
 * terminal's Ctrl-C; the launcher stops it. If the launcher itself dies without a word (SIGKILL, a
 * crash), nobody would: so the node reads its stdin, a pipe from the launcher, and exits (its shutdown
 * hook closing the server) when the pipe ends, which is what happens when the launcher is gone.
 */
public final class ClusterNode {

    private ClusterNode() {}

    public static void main(String[] args) {
        Thread watch = new Thread(ClusterNode::exitWhenTheLauncherIsGone, "launcher-watch");
        watch.setDaemon(true);
        watch.start();
        Main.main(args);
    }

    private static void exitWhenTheLauncherIsGone() {
        try {
            while (System.in.read() != -1) {
                // the launcher writes nothing; anything it did write is ignored
            }
        } catch (IOException e) {
            // a broken pipe means the same: the launcher is gone
        }
        System.err.println("the cluster launcher is gone: stopping this node");
        System.exit(0);
    }
}
