package org.livevitals.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.livevitals.testkit.CourseFiles;
import picocli.CommandLine;

/** The load test's help lists every scenario with its shape, and labs/performance.md offers every one. */
class LoadTestCommandLineTest {

    private static final String LAB = "labs/performance.md";

    @Test
    void theHelpGivesEveryScenarioWithItsShape() {
        StringWriter help = new StringWriter();

        int exitCode = LoadTest.commandLine().setOut(new PrintWriter(help, true)).execute("--help");

        assertThat(exitCode).isZero();
        assertThat(help.toString()).startsWith("Usage: loadtest ")
                .contains("  ward    1,000 connections, 50 patients at 1 Hz for 20 s (+3 s warm-up)")
                .contains("  smoke   20 connections, 5 patients at 10 Hz for 2 s")
                .contains("peak's steps are 10, 25, 50, 75, 100, 150, 200, 300, 400 patients");
        for (LoadTest.Scenario scenario : LoadTest.Scenario.values()) {
            assertThat(help.toString()).as("help for %s", scenario).contains("  " + scenario.name() + " ");
        }
    }

    @Test
    void theHelpOffersLab4sServer() {
        StringWriter help = new StringWriter();

        LoadTest.commandLine().setOut(new PrintWriter(help, true)).execute("--help");

        assertThat(help.toString().replaceAll("\\s+", " ")).contains("resume (Lab 4's server:");
    }

    @Test
    void theHelpOffersLab5sServer() {
        StringWriter help = new StringWriter();

        LoadTest.commandLine().setOut(new PrintWriter(help, true)).execute("--help");

        assertThat(help.toString().replaceAll("\\s+", " ")).contains("secure (Lab 5's:");
    }

    @Test
    void theHelpOffersLab6sNodeAndCluster() {
        StringWriter help = new StringWriter();

        LoadTest.commandLine().setOut(new PrintWriter(help, true)).execute("--help");

        assertThat(help.toString().replaceAll("\\s+", " ")).contains("single-node (Lab 6's node").contains("cluster (Lab 6:");
    }

    @Test
    void theHelpOffersLab6sNodeWithItsRecordAndTheRecordCommand() {
        StringWriter help = new StringWriter();

        LoadTest.commandLine().setOut(new PrintWriter(help, true)).execute("--help");

        assertThat(help.toString().replaceAll("\\s+", " ")).contains("single-node-record (the same with its record")
                .contains("record Measure how many readings a second Lab 6's record writes");
    }

    @Test
    void serversAreNamedAloneOrInACommaSeparatedList() {
        LoadTest loadTest = new LoadTest();
        loadTest.spec = LoadTest.commandLine().getCommandSpec();

        assertThat(loadTest.modes("both")).containsExactly("websocket", "tcp");
        assertThat(loadTest.modes("resume")).containsExactly("resume");
        assertThat(loadTest.modes("websocket,resume")).containsExactly("websocket", "resume");
        assertThat(loadTest.modes("websocket,resume,secure")).containsExactly("websocket", "resume", "secure");
        assertThat(loadTest.modes("single-node,cluster")).containsExactly("single-node", "cluster");
        assertThat(loadTest.modes("single-node,single-node-record")).containsExactly("single-node", "single-node-record");
        assertThat(loadTest.modes("all")).containsExactly("websocket", "resume", "secure", "single-node",
                "single-node-record", "cluster", "tcp");
        assertThatThrownBy(() -> loadTest.modes("websocket,lab4"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("'lab4' is none of");
    }

    @Test
    void anUnknownServerIsABadUsageBeforeAnythingRuns() {
        StringWriter err = new StringWriter();

        int exitCode = LoadTest.commandLine().setErr(new PrintWriter(err, true)).execute("smoke", "--server", "lab4");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--server': 'lab4' is none of both, all, websocket, tcp, resume");
    }

    @Test
    void thePerformanceLabHasACommandAndATableRowForEveryScenario() {
        String lab = CourseFiles.read(LAB);
        String table = lab.substring(lab.indexOf("## The scenarios and the targets"), lab.indexOf("## Results"));

        assertThat(Arrays.stream(LoadTest.Scenario.values()).map(Enum::name)).allSatisfy(scenario -> {
            assertThat(lab).as("the command for %s in %s", scenario, LAB)
                    .contains("./mvnw -q package -DskipTests -Dloadtest=" + scenario + " ");
            assertThat(table).as("the row for %s in the scenario table", scenario).contains("\n| " + scenario + " |");
        });
    }
}
