package org.livevitals.testkit.grading;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The arguments the poms pass to the scorecard, starter and grading programs, read by picocli.
 *
 * <p>A value a person sets on the command line arrives under the name of its Maven property
 * ({@code --starter.dir=${starter.dir}}), and one nobody set arrives as the literal text
 * {@code ${starter.dir}}: {@link #required} turns that into an error that names the {@code -D}
 * to set. Each program declares its options in a subclass.
 */
public class Options {

    /** The repository root; the poms pass Maven's {@code maven.multiModuleProjectDirectory}. */
    @Option(names = "--root", required = true)
    public Path root;

    /** Reads {@code args} into {@code options}; an unknown option is an error that names it. */
    public static <T extends Options> T parse(T options, String... args) {
        return CommandLine.populateCommand(options, args);
    }

    /** The value of a Maven property, or an error that says which {@code -D} to set. */
    public static String required(String value, String property) {
        String set = optional(value);
        if (set == null) {
            throw new IllegalArgumentException("Set -D" + property + "=...: see labs/GRADING.md for the command");
        }
        return set;
    }

    /** The value of a Maven property, or null when nobody set it. */
    public static String optional(String value) {
        return value == null || value.isBlank() || value.startsWith("${") ? null : value.trim();
    }
}
