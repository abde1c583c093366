package org.livevitals.testkit.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livevitals.testkit.CourseFiles;

/** Every listing in the labs names the file it quotes and quotes it as it is. */
class LabListingsTest {

    private static final String SOURCE_PATH = "step09-example/src/main/java/Broadcaster.java";

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

    @TempDir
    Path root;

    private List<String> problems(String listing) throws IOException {
        return problems("<!-- listing: " + SOURCE_PATH + " -->\n", listing);
    }

    private List<String> problems(String nameLine, String listing) throws IOException {
        Files.createDirectories(root.resolve(SOURCE_PATH).getParent());
        Files.writeString(root.resolve(SOURCE_PATH), SOURCE);
        String lab = "Intro\n\n" + nameLine + "```java\n" + listing + "```\n";
        List<String> problems = new ArrayList<>();
        LabListings.listings("step09-example.md", lab).forEach(l -> problems.addAll(LabListings.problems(l, root)));
        return problems;
    }

    @Test
    void aVerbatimExcerptWithElisionsPasses() throws IOException {
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
    void aListingThatDriftedFromTheCodeIsNamedWithItsLabAndLine() throws IOException {
        assertThat(problems("""
                    public void publish(VitalSigns reading) {
                        latest.put(reading);
                """)).containsExactly("step09-example.md:4: the listing part starting 'public void publish(VitalSigns reading) {'"
                + " is not in " + SOURCE_PATH + ": copy it again from there");
    }

    @Test
    void aListingThatNamesNoFileIsAProblem() throws IOException {
        assertThat(problems("", "final class Broadcaster {\n"))
                .singleElement().asString().startsWith("step09-example.md:3: name the file the listing quotes");
    }

    @Test
    void aListingOfAnotherFileIsAProblemEvenWhenSomeFileHasTheCode() throws IOException {
        assertThat(problems("<!-- listing: step09-example/src/main/java/Missing.java -->\n", "final class Broadcaster {\n"))
                .singleElement().asString().contains("quotes step09-example/src/main/java/Missing.java, which cannot be read");
    }

    @Test
    void rewritingReplacesOnlyTheCodeOfEachListing() {
        String lab = "Intro\n\n<!-- listing: A.java -->\n```java\nold code\n```\n\nmore\n```javascript\nkept\n```\n";
        String rewritten = LabListings.rewrite("lab.md", lab,
                listing -> listing.code().contains("old") ? "\nnew code\n" : listing.code());
        assertThat(rewritten).isEqualTo("Intro\n\n<!-- listing: A.java -->\n```java\nnew code\n```\n\nmore\n```javascript\nkept\n```\n");
    }

    @Test
    void everyListingOfEveryLabQuotesTheCodeAsItIs() throws IOException {
        Path course = CourseFiles.root();
        List<String> problems = new ArrayList<>();
        try (Stream<Path> labs = Files.list(course.resolve("labs"))) {
            for (Path lab : labs.filter(path -> path.getFileName().toString().matches("step\\d\\d-.*\\.md")).sorted().toList()) {
                List<LabListings.Listing> listings = LabListings.listings("labs/" + lab.getFileName(), Files.readString(lab));
                assertThat(listings).as("the listings of %s (none found: line endings not LF?)", lab.getFileName()).isNotEmpty();
                for (LabListings.Listing listing : listings) {
                    problems.addAll(LabListings.problems(listing, course));
                }
            }
        }
        assertThat(problems).as("lab listings that no longer match the code").isEmpty();
    }
}
