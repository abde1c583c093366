package org.livevitals.testkit.starter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds exercise answers that a student's starter still shows in its documents.
 *
 * <p>The generator removes each exercise's code from the starter's sources and from the labs'
 * listings. This check proves it did: a line of an exercise region's code (one long enough to
 * mean something) that appears in a starter's Markdown file but nowhere in the starter's code was
 * handed out with the docs. Lines the starter's code still has (a signature, a shared helper
 * call) are not answers.
 */
final class AnswerLeaks {

    /** Shorter lines ({@code }}, {@code break;}) say nothing about the answer. */
    private static final int MIN_LINE_LENGTH = 8;

    private AnswerLeaks() {}

    /** Each leak as {@code labs/step01-raw-sockets.md:612 shows Lab 1 exercise 1's code: '...'}. */
    static List<String> find(Path solution, Path starter) throws IOException {
        Map<String, String> answers = answerLines(solution);
        answers.keySet().removeAll(codeLines(starter));
        List<String> leaks = new ArrayList<>();
        for (Path file : RepositoryTree.files(starter, null)) {
            if (!file.toString().endsWith(".md")) {
                continue;
            }
            List<String> lines = Files.readAllLines(starter.resolve(file));
            for (int i = 0; i < lines.size(); i++) {
                String exercise = answers.get(lines.get(i).strip());
                if (exercise != null) {
                    leaks.add(file + ":" + (i + 1) + " shows " + exercise + "'s code: '" + lines.get(i).strip() + "'");
                }
            }
        }
        return leaks;
    }

    /** Every meaningful line inside an exercise fence of the solution, to the exercise it belongs to. */
    private static Map<String, String> answerLines(Path solution) throws IOException {
        Map<String, String> answers = new LinkedHashMap<>();
        for (Path file : RepositoryTree.files(solution, null)) {
            if (!StarterGenerator.isMainJavaSource(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(solution.resolve(file));
            int lab = LabExercises.labNumber(file.getName(0).toString());
            for (ExerciseRegion region : ExerciseMarkers.find(file.toString(), lines)) {
                for (String line : lines.subList(region.firstLine() + 1, region.lastLine())) {
                    if (isMeaningful(line)) {
                        answers.putIfAbsent(line.strip(), "Lab " + lab + " exercise " + region.exercise());
                    }
                }
            }
        }
        return answers;
    }

    private static Set<String> codeLines(Path starter) throws IOException {
        Set<String> lines = new HashSet<>();
        for (Path file : RepositoryTree.files(starter, null)) {
            if (file.getNameCount() > 2 && file.getName(0).toString().matches("step\\d+-.*")
                    && file.getName(1).toString().equals("src") && file.getName(2).toString().equals("main")
                    && file.getFileName().toString().matches(".*\\.(java|js|html|css)")) {
                Files.readAllLines(starter.resolve(file)).forEach(line -> lines.add(line.strip()));
            }
        }
        return lines;
    }

    private static boolean isMeaningful(String line) {
        String text = line.strip();
        return text.length() >= MIN_LINE_LENGTH && !text.startsWith("//") && text.chars().anyMatch(Character::isLetter);
    }
}
