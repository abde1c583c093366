package org.livevitals.scaling.record;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scenario about the record: a fresh database of its own on the JVM's embedded PostgreSQL
 * ({@link TestDatabase}), and nodes the test starts with the record on; all closed after.
 */
abstract class RecordScenario {

    @TempDir
    Path dataDir;
    /** This test's own database, reached directly (no proxy). */
    RecordSettings db;
    RecordNodes nodes;

    @BeforeEach
    void startRecord() throws Exception {
        db = TestDatabase.newDatabase();
        nodes = new RecordNodes(dataDir);
    }

    @AfterEach
    void stopNodes() throws Exception {
        nodes.close();
    }
}
