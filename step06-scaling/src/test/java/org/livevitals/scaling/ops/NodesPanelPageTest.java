package org.livevitals.scaling.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Lab 6 keeps Lab 5's page as it is and adds the Nodes panel through the page's one hook, a script of
 * its own named {@code extensions.js}: a copy of the page would drift from Lab 5's (a fix to Lab 5's page
 * that the copy missed would be lost on the complete system, which is Lab 6).
 */
class NodesPanelPageTest {

    private static String text(String resource) throws IOException {
        try (InputStream in = NodesPanelPageTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void labSixAddsTheNodesPanelThroughLabFivesHookAndCopiesNoPage() throws IOException {
        assertThat(NodesPanelPageTest.class.getClassLoader().getResource("webroot/scaling/index.html"))
                .as("a page of Lab 6's own").isNull();
        assertThat(text("webroot/security/index.html")).as("Lab 5's page").contains("<script type=\"module\" src=\"extensions.js\"></script>");
        assertThat(text("webroot/scaling/extensions.js")).as("Lab 6's extensions.js").contains("import './nodes.js';");
        assertThat(text("webroot/scaling/nodes.js")).isNotEmpty();
    }
}
