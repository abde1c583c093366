package org.livevitals.testkit.starter;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The files of a course repository that matter to a copy of it: everything but build output,
 * version control and editor folders.
 */
public final class RepositoryTree {

    /** Build output, tools' folders, and what a Lab 5 server writes at run time (its audit trail and development secrets). */
    private static final Set<String> SKIPPED_DIRECTORIES = Set.of("target", ".git", ".idea", ".vscode", "node_modules",
            "live-vitals-data");

    private RepositoryTree() {}

    /** Relative paths of every file under {@code root} worth copying, skipping {@code except} if it lies inside. */
    public static List<Path> files(Path root, Path except) throws IOException {
        Path skip = except == null ? null : except.toAbsolutePath().normalize();
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                boolean skipped = SKIPPED_DIRECTORIES.contains(dir.getFileName().toString())
                        || dir.toAbsolutePath().normalize().equals(skip);
                return skipped && !dir.equals(root) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                files.add(root.relativize(file));
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort(null);
        return files;
    }

    /** Copies one file, keeping its executable bit (mvnw, .ci/run). */
    public static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.toAbsolutePath().getParent());
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
    }

    /** Refuses to write into a directory that already holds something. */
    public static void requireEmptyOrAbsent(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (var entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException(dir + " is not empty: name a new directory");
                }
            }
        } else if (Files.exists(dir)) {
            throw new IllegalArgumentException(dir + " is a file: name a new directory");
        }
    }

    /** Deletes a directory and everything under it (nothing if it is absent). */
    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
