package org.livevitals.testkit.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExerciseMarkersTest {

    @Test
    void findsARegionWithItsScenariosAndIndent() {
        List<String> lines = List.of(
                "    int answer() {",
                "        // Exercise 2 starts here (scenarios L1-01 L1-11)",
                "        return 42;",
                "        // Exercise 2 ends here",
                "    }");
        assertThat(ExerciseMarkers.find("A.java", lines))
                .containsExactly(new ExerciseRegion(2, List.of("L1-01", "L1-11"), 1, 3, "        "));
    }

    @Test
    void refusesFencesThatDoNotPairUp() {
        assertThatThrownBy(() -> ExerciseMarkers.find("A.java", List.of("// Exercise 1 starts here (scenarios L1-01)")))
                .hasMessage("A.java:1: exercise 1 never ends");
        assertThatThrownBy(() -> ExerciseMarkers.find("A.java", List.of("// Exercise 1 ends here")))
                .hasMessage("A.java:1: exercise 1 ends here but did not start");
        assertThatThrownBy(() -> ExerciseMarkers.find("A.java", List.of("// Exercise 1 starts here")))
                .hasMessageContaining("looks like an exercise marker but is not one");
    }
}
