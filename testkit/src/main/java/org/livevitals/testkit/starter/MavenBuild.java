package org.livevitals.testkit.starter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs another copy of the course through its own wrapper, as a child process, and keeps the log.
 *
 * <p>The starter check and the grader build a different directory (the starter, a student's work)
 * with exactly the commands a person would type there, so what they prove holds for that person.
 */
final class MavenBuild {

    private MavenBuild() {}

    /** Runs {@code ./mvnw <arguments>} in {@code repository}; returns the exit code. */
    static int run(Path repository, Path log, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(repository.resolve("mvnw").toAbsolutePath().toString());
        command.add("--batch-mode");
        command.add("--no-transfer-progress");
        command.addAll(List.of(arguments));
        Files.createDirectories(log.toAbsolutePath().getParent());
        System.out.println("Running " + String.join(" ", command.subList(1, command.size())) + " in "
                + repository + " (log: " + log + ")");
        Process build = new ProcessBuilder(command)
                .directory(repository.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return build.waitFor();
    }
}
