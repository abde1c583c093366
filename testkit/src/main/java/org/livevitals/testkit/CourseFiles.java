package org.livevitals.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Files of the course repository, for tests that keep the docs honest (a limit in
 * {@code labs/protocol.md} must be the limit in the code).
 *
 * <p>Surefire passes the repository root as {@code livevitals.root}; from an IDE the module
 * directory is the working directory, so the root is one level up.
 */
public final class CourseFiles {

    private CourseFiles() {}

    public static Path root() {
        String root = System.getProperty("livevitals.root");
        return root == null || root.isBlank() || root.startsWith("${") ? Path.of("..") : Path.of(root);
    }

    /**
     * Every row of every Markdown table in a file, as its first cell mapped to its second (the
     * first row wins when two share a first cell): {@code | Longest line (TCP) | 1024 bytes | ...}
     * gives {@code "Longest line (TCP)" -> "1024 bytes"}.
     */
    public static Map<String, String> secondCellByFirst(String relativePath) {
        return read(relativePath).lines()
                .filter(line -> line.startsWith("|") && !line.startsWith("|---"))
                .map(line -> line.split("\\|"))
                .filter(cells -> cells.length >= 3)
                .collect(Collectors.toMap(cells -> cells[1].trim(), cells -> cells[2].trim(), (a, b) -> a));
    }

    /** The text of a file given relative to the repository root, e.g. {@code labs/protocol.md}. */
    public static String read(String relativePath) {
        try {
            return Files.readString(root().resolve(relativePath));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + relativePath + " under " + root().toAbsolutePath(), e);
        }
    }
}
