package org.livevitals.testkit.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livevitals.testkit.grading.LabDoc.ScenarioRow;

class LabDocTest {

    @TempDir
    Path labs;

    @Test
    void readsNumberTitleAndTheTestingScenariosTable() throws IOException {
        LabDoc doc = parse("step01-raw-sockets.md", """
                # Raw sockets

                ## Goal

                | Not | a | scenario |
                |---|---|---|
                | x | y | z |

                ## Testing scenarios

                | ID | Case | Expected |
                |----|:-----|---------:|
                | L1-01 | `PING` | `PONG` |
                | L1-02 |  garbage line  | `ERR`, connection stays open |

                ## Going further

                | L1-99 | not | this |
                """);

        assertThat(doc.lab()).isEqualTo(1);
        assertThat(doc.title()).isEqualTo("Raw sockets");
        assertThat(doc.rows()).containsExactly(
                new ScenarioRow("L1-01", "`PING`", "`PONG`"),
                new ScenarioRow("L1-02", "garbage line", "`ERR`, connection stays open"));
    }

    @Test
    void keepsEscapedPipesInsideCellsAndIgnoresExtraColumns() throws IOException {
        LabDoc doc = parse("step12-scaling.md", """
                # Scaling

                ### Testing scenarios (run with -Dlab=12)

                | ID | Case | Expected | Notes |
                |---|---|---|---|
                | L12-01 | `a \\| b` | split in two | ignored |
                """);

        assertThat(doc.lab()).isEqualTo(12);
        assertThat(doc.rows()).containsExactly(new ScenarioRow("L12-01", "`a | b`", "split in two"));
    }

    @Test
    void keepsRowsWithMalformedIdsForDocSyncToReport() throws IOException {
        LabDoc doc = parse("step02-echo.md", """
                # Echo
                ## Testing scenarios
                | ID | Case | Expected |
                |---|---|---|
                | L2-1 | short ID | reported |
                | L3-01 | wrong lab | reported |
                """);

        assertThat(doc.rows()).extracting(ScenarioRow::id).containsExactly("L2-1", "L3-01");
    }

    @Test
    void ignoresHeadingsAndPipesInsideCodeBlocks() throws IOException {
        LabDoc doc = parse("step03-broadcast.md", """
                ```bash
                # start the server first
                ```
                # Broadcast

                ## Testing scenarios

                ```text
                | L3-98 | a table in a code block | is no table |
                ## nor is this a heading
                ```
                | ID | Case | Expected |
                |---|---|---|
                | L3-01 | 10 clients | all receive the same reading |
                """);

        assertThat(doc.title()).isEqualTo("Broadcast");
        assertThat(doc.rows()).extracting(ScenarioRow::id).containsExactly("L3-01");
    }

    @Test
    void aLabWithoutATableHasNoRows() throws IOException {
        assertThat(parse("step04-x.md", "# X\n\nNo table yet.\n").rows()).isEmpty();
    }

    @Test
    void takesTheLabNumberFromTheFileName() {
        assertThat(LabDoc.labNumber("step01-raw-sockets.md")).isEqualTo(1);
        assertThat(LabDoc.labNumber("step10-security.md")).isEqualTo(10);
        assertThatThrownBy(() -> LabDoc.labNumber("README.md"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stepNN-name.md");
    }

    private LabDoc parse(String fileName, String markdown) throws IOException {
        return LabDoc.parse(Files.writeString(labs.resolve(fileName), markdown));
    }

    @Test
    void titleDropsTheLabNumberAndTheSubtitle() {
        assertThat(LabDoc.shortTitle("Lab 1 — Raw sockets: a vitals server you build by hand")).isEqualTo("Raw sockets");
        assertThat(LabDoc.shortTitle("Lab 3: Broadcast")).isEqualTo("Broadcast");
        assertThat(LabDoc.shortTitle("Echo WebSocket")).isEqualTo("Echo WebSocket");
    }
}
