package org.livevitals.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

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
     * Every body row of every Markdown table in a file, as its first cell mapped to its second (the
     * first row wins when two share a first cell): {@code | Longest line (TCP) | 1024 bytes | ...}
     * gives {@code "Longest line (TCP)" -> "1024 bytes"}.
     */
    public static Map<String, String> secondCellByFirst(String relativePath) {
        return Markdown.secondCellByFirst(read(relativePath));
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
