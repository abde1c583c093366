package org.livevitals.testkit.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A filter runs what it names, several at once, and a name the course does not have is an error. */
class ScenarioFilterTest {

    @TempDir
    Path root;

    @BeforeEach
    void twoLabs() throws IOException {
        Files.createDirectories(root.resolve("labs"));
        Files.writeString(root.resolve("labs/step01-raw-sockets.md"),
                "# Raw sockets\n## Testing scenarios\n| ID | Case | Expected |\n|---|---|---|\n| L1-01 | a | b |\n| L1-02 | c | d |\n");
        Files.writeString(root.resolve("labs/step03-broadcast.md"),
                "# Broadcast\n## Testing scenarios\n| ID | Case | Expected |\n|---|---|---|\n| L3-01 | a | b |\n");
    }

    @Test
    void commaListsRunSeveralLabsOrScenarios() throws IOException {
        ScenarioFilter labs = ScenarioFilter.of("1, L03", null);
        assertThat(labs.includes("L1-02")).isTrue();
        assertThat(labs.includes("L3-01")).isTrue();
        assertThat(labs.includes("L2-01")).isFalse();
        assertThat(labs.lab()).isEqualTo("1,3");
        assertThat(labs.problems(root)).isEmpty();

        ScenarioFilter scenarios = ScenarioFilter.of(null, "l1-01,L03-01");
        assertThat(scenarios.includes("L1-01")).isTrue();
        assertThat(scenarios.includes("L3-01")).isTrue();
        assertThat(scenarios.includes("L1-02")).isFalse();
        assertThat(scenarios.problems(root)).isEmpty();
    }

    @Test
    void anUnknownLabIsNamedWithTheLabsThereAre() throws IOException {
        assertThat(ScenarioFilter.of("9", null).problems(root)).containsExactly(
                "-Dlab=9: there is no such lab; the labs are 1, 3 (a comma list such as -Dlab=1,3 runs several)");
        assertThat(ScenarioFilter.of("1;3", null).problems(root)).singleElement().asString().startsWith("-Dlab=1;3: there is no such lab");
        assertThat(ScenarioFilter.of("99999999999", null).problems(root)).singleElement().asString()
                .startsWith("-Dlab=99999999999: there is no such lab");
    }

    @Test
    void anUnknownOrMalformedScenarioIsNamed() throws IOException {
        assertThat(ScenarioFilter.of(null, "L1-01,L1-99,L1-5").problems(root)).containsExactly(
                "-Dscenario=L1-99: no lab's Testing scenarios table has this ID",
                "-Dscenario=L1-5: a scenario ID looks like L1-05 (a comma list such as -Dscenario=L1-03,L1-05 runs several)");
    }

    @Test
    void noFilterHasNoProblemsAndRunsEverything() throws IOException {
        ScenarioFilter none = ScenarioFilter.of(" ", null);
        assertThat(none.isActive()).isFalse();
        assertThat(none.includes(null)).isTrue();
        assertThat(none.problems(root)).isEmpty();
    }
}
