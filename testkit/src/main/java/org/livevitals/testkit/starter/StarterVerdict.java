package org.livevitals.testkit.starter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.livevitals.testkit.grading.LabResult;
import org.livevitals.testkit.grading.LabResult.Result;
import org.livevitals.testkit.grading.LabResult.Row;

/**
 * The two directions the starter check proves, as a pure function of the two scorecards.
 *
 * <p>In the solution every scenario passes. In the starter every scenario an exercise holds back
 * fails: one that passes there is a test that cannot fail, and grades nothing. And every scenario
 * a lab's exercise section promises is held back by some fenced code, or the exercise is a lab
 * with nothing to do.
 *
 * @param problems each names the offending scenario ID
 */
public record StarterVerdict(int exerciseScenariosFailing, int solutionPassing, int solutionTotal, List<String> problems) {

    /**
     * @param fenced       scenario ID to the exercise fence that holds it back, e.g. "exercise 1"
     * @param promised     scenario ID to the lab section that names it as an exercise's scenario
     * @param solution     the solution's scorecard
     * @param starter      the starter's scorecard
     */
    public static StarterVerdict of(Map<String, String> fenced, Map<String, String> promised,
            List<LabResult> solution, List<LabResult> starter) {
        List<String> problems = new ArrayList<>();
        int total = 0;
        int passing = 0;
        Set<String> rows = new java.util.HashSet<>();
        for (LabResult lab : solution) {
            for (Row row : lab.rows()) {
                total++;
                rows.add(row.id());
                if (row.result() == Result.PASS) {
                    passing++;
                } else {
                    problems.add(row.id() + " does not pass in the solution (" + row.result() + ": " + row.reason() + ")");
                }
            }
        }
        if (total == 0) {
            problems.add("the solution has no scenario results: run ./mvnw verify first");
        }

        int failingInStarter = 0;
        for (Map.Entry<String, String> exercise : fenced.entrySet()) {
            String id = exercise.getKey();
            Row row = find(starter, id);
            if (!rows.contains(id)) {
                problems.add(id + " is fenced by " + exercise.getValue() + " but no lab table has that row");
            } else if (row == null) {
                problems.add(id + " has no result in the starter build (" + exercise.getValue() + ")");
            } else if (row.result() == Result.PASS) {
                problems.add(id + " passes in the starter although " + exercise.getValue()
                        + " is a stub: its test cannot fail");
            } else if (row.result() == Result.SKIPPED) {
                problems.add(id + " was skipped in the starter, so it proves nothing (" + row.reason() + ")");
            } else {
                failingInStarter++;
            }
        }
        promised.forEach((id, section) -> {
            if (!fenced.containsKey(id)) {
                problems.add(id + " is named by " + section + " but no fenced exercise code holds it back:"
                        + " a lab with nothing to do");
            }
        });
        return new StarterVerdict(failingInStarter, passing, total, List.copyOf(problems));
    }

    private static Row find(List<LabResult> labs, String id) {
        for (LabResult lab : labs) {
            for (Row row : lab.rows()) {
                if (row.id().equals(id)) {
                    return row;
                }
            }
        }
        return null;
    }

    /** The line {@code .ci/run} prints. */
    public String summaryLine() {
        return "starter check: " + exerciseScenariosFailing + " exercise scenarios fail in the starter; "
                + solutionPassing + "/" + solutionTotal + " scenarios pass in the solution";
    }

    public boolean holds() {
        return problems.isEmpty();
    }
}
