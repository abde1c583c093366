package org.livevitals.scaling.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lab 6's page is Lab 5's page plus the lines that load the Nodes panel, and nothing else: a page a
 * later lab overrides must not drift from the one it extends (a fix to Lab 5's page that Lab 6's copy
 * missed would be lost on the complete system, which is Lab 6).
 */
class NodesPanelPageTest {

    /** The lines Lab 6's page adds, in order. */
    private static final List<String> ADDED = List.of(
            "  <!-- Lab 6: the only line this page adds to Lab 5's (NodesPanelPageTest checks it): the Nodes panel. -->",
            "  <script type=\"module\" src=\"nodes.js\"></script>");

    private static List<String> lines(String resource) throws IOException {
        try (InputStream in = NodesPanelPageTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    @Test
    void labSixsPageIsLabFivesWithTheNodesPanelScript() throws IOException {
        List<String> lab6 = lines("webroot/scaling/index.html");
        List<String> lab5 = lines("webroot/security/index.html");
        assertThat(lab6).containsSubsequence(ADDED);
        assertThat(lab6.stream().filter(line -> !ADDED.contains(line)).toList())
                .as("Lab 6's page without its added lines").isEqualTo(lab5);
        assertThat(lines("webroot/scaling/nodes.js")).isNotEmpty();
    }
}
