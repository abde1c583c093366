package org.livevitals.testkit.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.livevitals.testkit.grading.LabDoc.ScenarioRow;
import org.livevitals.testkit.grading.ScenarioScanner.ScenarioTest;

class DocSyncTest {

    private static final String DOC = "labs/step01-raw-sockets.md";

    @Test
    void aTableAndTestsThatAgreeHaveNoProblems() {
        assertThat(DocSync.check(lab1("L1-01", "L1-02"), DOC,
                List.of(test("L1-01", "A#x"), test("L1-02", "A#y")))).isEmpty();
    }

    @Test
    void reportsARowWithNoTest() {
        assertThat(DocSync.check(lab1("L1-01", "L1-04"), DOC, List.of(test("L1-01", "A#x"))))
                .containsExactly("L1-04 is a row of labs/step01-raw-sockets.md"
                        + " but no test carries @Scenario(\"L1-04\")");
    }

    @Test
    void reportsTwoTestsClaimingOneId() {
        assertThat(DocSync.check(lab1("L1-04"), DOC, List.of(test("L1-04", "A#x"), test("L1-04", "B#y"))))
                .containsExactly("L1-04 of labs/step01-raw-sockets.md is claimed by two tests:"
                        + " A#x and B#y — exactly one test may carry each ID");
    }

    @Test
    void reportsATestNamingAnIdNoTableHas() {
        assertThat(DocSync.check(lab1("L1-01"), DOC, List.of(test("L1-01", "A#x"), test("L1-99", "Foo#bar"))))
                .containsExactly("L1-99 is named by Foo#bar but labs/step01-raw-sockets.md has no such row");
    }

    @Test
    void reportsADuplicateRow() {
        assertThat(DocSync.check(lab1("L1-01", "L1-01"), DOC, List.of(test("L1-01", "A#x"))))
                .containsExactly("L1-01 appears in more than one row of labs/step01-raw-sockets.md"
                        + " — each row needs an ID of its own");
    }

    @Test
    void reportsMalformedIdsAndIdsOfAnotherLab() {
        assertThat(DocSync.check(lab1("L1-1", "L2-01"), DOC, List.of(test("L1-1", "A#x"))))
                .containsExactly(
                        "L1-1 in labs/step01-raw-sockets.md is not a scenario ID of lab 1: IDs look like L1-01",
                        "L2-01 in labs/step01-raw-sockets.md is not a scenario ID of lab 1: IDs look like L1-01");
    }

    private static LabDoc lab1(String... ids) {
        return new LabDoc(1, "Raw sockets",
                List.of(ids).stream().map(id -> new ScenarioRow(id, "case", "expected")).toList());
    }

    private static ScenarioTest test(String id, String name) {
        return new ScenarioTest(id, name);
    }
}
