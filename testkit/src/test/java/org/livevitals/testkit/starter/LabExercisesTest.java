package org.livevitals.testkit.starter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabExercisesTest {

    @TempDir
    Path root;

    @Test
    void readsTitlesAnchorsAndTheScenariosEachSectionNames() throws IOException {
        Files.createDirectories(root.resolve("labs"));
        Files.writeString(root.resolve("labs/step03-broadcast.md"), """
                # Lab 3 — Broadcast

                ## Exercises

                ### Exercise 2: broadcast the reading to every open session

                Scenarios L3-01 and L3-02 turn green.

                ## Testing scenarios

                | L3-09 | not an exercise |
                """);

        LabExercises lab = LabExercises.of(root, "step03-broadcast");

        assertThat(lab.pointer(2)).isEqualTo("Lab 3, exercise 2: broadcast the reading to every open session — see "
                + "labs/step03-broadcast.md#exercise-2-broadcast-the-reading-to-every-open-session");
        assertThat(lab.scenarioIds()).containsEntry(2, Set.of("L3-01", "L3-02")).hasSize(1);
    }

    @Test
    void anchorDropsPunctuationLikeGitHub() {
        assertThat(LabExercises.anchor("Exercise 1: frame the byte stream")).isEqualTo("exercise-1-frame-the-byte-stream");
        assertThat(LabExercises.anchor("Exercise 4: back-off, with jitter!")).isEqualTo("exercise-4-back-off-with-jitter");
    }
}
