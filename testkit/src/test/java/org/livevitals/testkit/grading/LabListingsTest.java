package org.livevitals.testkit.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.livevitals.testkit.CourseFiles;

/** Every listing in the labs quotes the code as it is. */
class LabListingsTest {

    private static final String SOURCE = """
            final class Broadcaster {
                public void publish(VitalSigns reading) {
                    latest.update(reading);
                    fanOut.toEverySession(session -> send(session, message));
                }

                private void send(Session session, EncodedText message) {
                    message.sendTo(session, failure -> evict(session, failure));
                }
            }
            """;

    private static List<String> problems(String listing) {
        String lab = "Intro\n\n```java\n" + listing + "```\n";
        List<String> problems = new ArrayList<>();
        LabListings.listings("step09-example.md", lab).forEach(l -> problems.addAll(LabListings.problems(l, List.of(SOURCE), false)));
        return problems;
    }

    @Test
    void aVerbatimExcerptWithElisionsPasses() {
        assertThat(problems("""
                    public void publish(VitalSigns reading) {
                        latest.update(reading);
                        // ...
                    private void send(Session session, EncodedText message) {
                        message.sendTo(session, failure -> evict(session, failure));
                    }
                """)).isEmpty();
    }

    @Test
    void aListingThatDriftedFromTheCodeIsNamedWithItsLabAndLine() {
        assertThat(problems("""
                    public void publish(VitalSigns reading) {
                        latest.put(reading);
                """)).containsExactly("step09-example.md:3: the listing part starting 'public void publish(VitalSigns reading) {'"
                + " is not in the code: copy it again from the source file it quotes");
    }

    @Test
    void everyListingOfEveryLabQuotesTheCodeAsItIs() throws IOException {
        Path root = CourseFiles.root();
        List<String> sources = LabListings.mainSources(root);
        boolean starterCopy = LabListings.isStarterCopy(root);
        List<String> problems = new ArrayList<>();
        try (Stream<Path> labs = Files.list(root.resolve("labs"))) {
            for (Path lab : labs.filter(path -> path.getFileName().toString().matches("step\\d\\d-.*\\.md")).sorted().toList()) {
                for (LabListings.Listing listing : LabListings.listings("labs/" + lab.getFileName(), Files.readString(lab))) {
                    problems.addAll(LabListings.problems(listing, sources, starterCopy));
                }
            }
        }
        assertThat(problems).as("lab listings that no longer match the code").isEmpty();
    }
}
