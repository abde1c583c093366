package org.livevitals.scaling;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A scenario on a cluster: an embedded Redis, nodes started by the test, and a client for any of them; all closed after. */
abstract class ClusterScenario {

    @TempDir
    Path dataDir;
    Cluster cluster;
    NodeClient client;

    @BeforeEach
    void startCluster() throws Exception {
        cluster = new Cluster(dataDir);
        client = new NodeClient();
    }

    @AfterEach
    void stopCluster() throws Exception {
        try {
            client.close();
        } finally {
            cluster.close();
        }
    }
}
