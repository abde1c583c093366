package org.livevitals.testkit.starter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The section a student's README gains: what the starter is, why the build fails and the programs
 * stop at first, which exercise to start with, and how to see progress.
 *
 * <p>The text is {@code starter-readme-section.md} beside this class; the list of exercises and
 * the example stub are filled in from the stubs the generator wrote, so they cannot drift from the
 * code. The section goes before the README's first {@code ## } heading, where a reader starts.
 */
final class StarterReadme {

    /** {@code Lab 1, exercise 1: frame the byte stream — see labs/step01-raw-sockets.md#exercise-1-...}. */
    private static final Pattern POINTER = Pattern.compile("(Lab (\\d+), exercise (\\d+): .*) — see (\\S+)");

    private StarterReadme() {}

    /** {@code readme} with the starter's section, for the exercises stubbed (pointer to scenario IDs). */
    static String withStarterSection(String readme, Map<String, List<String>> exercises) {
        List<Map.Entry<String, List<String>>> inOrder = exercises.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, List<String>> e) -> number(e.getKey(), 2))
                        .thenComparingInt(e -> number(e.getKey(), 3)))
                .toList();
        if (inOrder.isEmpty()) {
            return readme;
        }
        Matcher first = pointer(inOrder.get(0).getKey());
        String section = template()
                .replace("{{first-pointer}}", inOrder.get(0).getKey())
                .replace("{{first-ids}}", String.join(" ", inOrder.get(0).getValue()))
                .replace("{{first-title}}", first.group(1))
                .replace("{{first-link}}", first.group(4))
                .replace("{{exercise-list}}", inOrder.stream()
                        .map(e -> "- [" + pointer(e.getKey()).group(1) + "](" + pointer(e.getKey()).group(4) + "): "
                                + String.join(", ", e.getValue()))
                        .collect(Collectors.joining("\n")));
        int firstHeading = readme.indexOf("\n## ");
        return firstHeading < 0
                ? readme + "\n" + section
                : readme.substring(0, firstHeading + 1) + section + readme.substring(firstHeading + 1);
    }

    private static Matcher pointer(String pointer) {
        Matcher matcher = POINTER.matcher(pointer);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not an exercise pointer: " + pointer);
        }
        return matcher;
    }

    private static int number(String pointer, int group) {
        return Integer.parseInt(pointer(pointer).group(group));
    }

    private static String template() {
        try (InputStream in = StarterReadme.class.getResourceAsStream("starter-readme-section.md")) {
            if (in == null) {
                throw new IllegalStateException("starter-readme-section.md is missing from the testkit");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
