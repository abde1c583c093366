package org.livevitals.testkit.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livevitals.testkit.grading.ExerciseStub;
import org.livevitals.testkit.grading.LabListings;

/** The generator on a tiny course of one lab: the stub replaces the fence, compiles, and points at the lab. */
class StarterGeneratorTest {

    private static final String SOLUTION = """
            package demo;

            public class Greeter {
                public String greet(String name) {
                    // Exercise 1 starts here (scenarios L9-01 L9-02)
                    String greeting = "Hello, " + name;
                    return greeting;
                    // Exercise 1 ends here
                }
            }
            """;

    private static final String POINTER = "Lab 9, exercise 1: say hello — see labs/step09-demo.md#exercise-1-say-hello";

    private static final String STUB = "        throw new UnsupportedOperationException(\"" + POINTER + "\"); // TODO L9-01 L9-02";

    private static final String LAB = """
            # Lab 9 — Demo

            The whole method:

            <!-- listing: step09-demo/src/main/java/demo/Greeter.java -->
            ```java
                public String greet(String name) {
                    // Exercise 1 starts here (scenarios L9-01 L9-02)
                    String greeting = "Hello, " + name;
                    return greeting;
                    // Exercise 1 ends here
                }
            ```

            Its first line, the rest elided:

            <!-- listing: step09-demo/src/main/java/demo/Greeter.java -->
            ```java
                public String greet(String name) {
                    // Exercise 1 starts here (scenarios L9-01 L9-02)
                    String greeting = "Hello, " + name;
                    // ...
            ```

            Its ends, the middle elided with a hint:

            <!-- listing: step09-demo/src/main/java/demo/Greeter.java -->
            ```java
                public String greet(String name) {
                    // Exercise 1 starts here (scenarios L9-01 L9-02)
                    // ... glue the name to a greeting
                    return greeting;
                    // Exercise 1 ends here
                }
            ```

            A line from its middle, no fence in sight:

            <!-- listing: step09-demo/src/main/java/demo/Greeter.java -->
            ```java
                    String greeting = "Hello, " + name;
            ```

            Its last line:

            <!-- listing: step09-demo/src/main/java/demo/Greeter.java -->
            ```java
                    return greeting;
                    // Exercise 1 ends here
                }
            ```

            ## Exercises

            ### Exercise 1: say hello

            Turns L9-01 and L9-02 green.
            """;

    @TempDir
    Path work;

    private Path course() throws IOException {
        Path root = work.resolve("course");
        write(root.resolve("labs/step09-demo.md"), LAB);
        write(root.resolve("step09-demo/src/main/java/demo/Greeter.java"), SOLUTION);
        write(root.resolve("step09-demo/src/test/java/demo/GreeterTest.java"), "// the tests are kept as they are\n");
        write(root.resolve("step09-demo/target/classes/stale.txt"), "build output is not copied");
        write(root.resolve("README.md"), "# Demo course\n");
        return root;
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void fencedCodeBecomesACompilingStubThatPointsAtTheLab() throws IOException {
        Path starter = work.resolve("starter");
        var summary = new StarterGenerator(course()).write(starter);

        String greeter = Files.readString(starter.resolve("step09-demo/src/main/java/demo/Greeter.java"));
        String pointer = POINTER;
        assertThat(greeter)
                .contains(STUB)
                .doesNotContain("Hello, ").doesNotContain("Exercise 1 starts here").doesNotContain("Exercise 1 ends here");
        assertThat(summary.exercises()).containsExactly(Map.entry(pointer, List.of("L9-01", "L9-02")));
        assertThat(ExerciseStub.findIn(starter.resolve("step09-demo")))
                .containsExactly(Map.entry("L9-01", pointer), Map.entry("L9-02", pointer));

        Path source = starter.resolve("step09-demo/src/main/java/demo/Greeter.java");
        int javac = ToolProvider.getSystemJavaCompiler().run(null, null, null,
                "-d", work.resolve("classes").toString(), source.toString());
        assertThat(javac).as("javac exit code for the stubbed Greeter").isZero();
    }

    @Test
    void aLabListingOfAnExerciseShowsTheStubWhereverTheListingStartsOrStops() throws IOException {
        Path starter = work.resolve("starter");
        Path root = course();
        new StarterGenerator(root).write(starter);

        String lab = Files.readString(starter.resolve("labs/step09-demo.md"));
        assertThat(lab).doesNotContain("Hello, ").doesNotContain("return greeting;").doesNotContain("glue").doesNotContain("Exercise 1 starts here")
                .contains("```java\n    public String greet(String name) {\n" + STUB + "\n    }\n```")
                .contains("```java\n    public String greet(String name) {\n" + STUB + "\n        // ...\n```")
                .contains("```java\n" + STUB + "\n    }\n```")
                .contains("```java\n" + STUB + "\n```")
                .contains("### Exercise 1: say hello")
                .startsWith("# Lab 9 — Demo\n\n" + StarterGenerator.STARTER_NOTE + "\n");
        assertThat(AnswerLeaks.find(root, starter)).isEmpty();
        for (var listing : LabListings.listings("labs/step09-demo.md", lab)) {
            assertThat(LabListings.problems(listing, starter)).as("the starter's listing still quotes the starter's code").isEmpty();
        }
    }

    @Test
    void anAnswerLeftInAStarterDocumentIsFoundWithItsFileAndLine() throws IOException {
        Path starter = work.resolve("starter");
        Path root = course();
        new StarterGenerator(root).write(starter);
        Files.writeString(starter.resolve("labs/step09-demo.md"), "\nHint: String greeting = \"Hello, \" + name;\n"
                + "        String greeting = \"Hello, \" + name;\n", java.nio.file.StandardOpenOption.APPEND);

        assertThat(AnswerLeaks.find(root, starter)).singleElement().asString()
                .matches("labs/step09-demo.md:\\d+ shows Lab 9 exercise 1's code: 'String greeting = \"Hello, \" \\+ name;'");
    }

    @Test
    void testsDocsAndRootFilesAreKeptButBuildOutputIsNot() throws IOException {
        Path starter = work.resolve("starter");
        new StarterGenerator(course()).write(starter);

        assertThat(starter.resolve("step09-demo/src/test/java/demo/GreeterTest.java")).exists();
        assertThat(starter.resolve("labs/step09-demo.md")).exists();
        assertThat(Files.readString(starter.resolve("README.md")))
                .startsWith("# Demo course\n")
                .contains("## This is your starter copy")
                .contains("- [Lab 9, exercise 1: say hello](labs/step09-demo.md#exercise-1-say-hello): L9-01, L9-02")
                .contains("throw new UnsupportedOperationException(\"" + POINTER + "\"); // TODO L9-01 L9-02")
                .doesNotContain("{{");
        assertThat(starter.resolve("step09-demo/target")).doesNotExist();
    }

    @Test
    void aFenceWhoseLabHasNoExerciseSectionIsRefused() throws IOException {
        Path root = course();
        Files.writeString(root.resolve("labs/step09-demo.md"), "# Lab 9 — Demo\n");
        assertThatThrownBy(() -> new StarterGenerator(root).write(work.resolve("starter")))
                .hasMessageContaining("labs/step09-demo.md has no '### Exercise 1: ...' section");
    }

    @Test
    void refusesToWriteIntoADirectoryThatHoldsSomething() throws IOException {
        Path root = course();
        assertThatThrownBy(() -> new StarterGenerator(root).write(root))
                .hasMessageContaining("is not empty");
    }
}
