package org.livevitals.testkit.grading;

import java.util.HashMap;
import java.util.Map;

/**
 * {@code --name=value} arguments, the way the poms pass them to the scorecard, starter and grading
 * programs. A value a person sets on the command line arrives under the name of its Maven property
 * ({@code --starter.dir=${starter.dir}}), so an error can name the {@code -D} to set.
 */
public final class Options {

    private Options() {}

    public static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (!arg.startsWith("--") || equals < 0) {
                throw new IllegalArgumentException("Expected --name=value, got: " + arg);
            }
            options.put(arg.substring(2, equals), arg.substring(equals + 1));
        }
        return options;
    }

    /** The value, or an error that says which property to set; an unset Maven property arrives as "${...}". */
    public static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank() || value.startsWith("${")) {
            throw new IllegalArgumentException("Set -D" + name + "=...: see labs/GRADING.md for the command");
        }
        return value;
    }

    public static String optional(Map<String, String> options, String name) {
        String value = options.get(name);
        return value == null || value.isBlank() || value.startsWith("${") ? null : value;
    }
}
