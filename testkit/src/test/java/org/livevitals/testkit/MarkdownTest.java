package org.livevitals.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tables and titles as GitHub renders them, not as a line splitter would guess them. */
class MarkdownTest {

    private static final String DOC = """
            # Lab 9 — Demo: a title

            ```bash
            # not a heading
            | not | a table |
            ```

            ## Limits

            | Limit | Value |
            |---|---|
            | Longest line (TCP) | 1024 bytes |
            | Separator `a \\| b` | kept whole |
            | Longest line (TCP) | 2048 bytes |

            | no delimiter row | so no table |
            """;

    @Test
    void readsTheTitleAndEachTableUnderItsHeadingWithCellsAsWritten() {
        assertThat(Markdown.title(DOC)).contains("Lab 9 — Demo: a title");
        assertThat(Markdown.tables(DOC)).containsExactly(new Markdown.Table("Limits", 2, List.of("Limit", "Value"), List.of(
                List.of("Longest line (TCP)", "1024 bytes"),
                List.of("Separator `a | b`", "kept whole"),
                List.of("Longest line (TCP)", "2048 bytes"))));
    }

    @Test
    void theFirstRowWinsWhenTwoShareAFirstCell() {
        assertThat(Markdown.secondCellByFirst(DOC))
                .containsEntry("Longest line (TCP)", "1024 bytes")
                .doesNotContainKey("Limit")
                .doesNotContainKey("not");
    }
}
