package org.livevitals.scaling.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.livevitals.scaling.ops.OpsCluster.ADMIN;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livevitals.scaling.ScalingServer;
import org.livevitals.testkit.Chromium;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The admin's Nodes panel in a real headless Chromium, on a cluster of two nodes. */
class NodesPanelBrowserTest {

    @TempDir
    Path dataDir;

    private static WebElement byId(Chromium chromium, String id) {
        return chromium.driver().findElement(By.id(id));
    }

    /** The text of an element, or a note that the page has none (the panel may not be there at all). */
    private static String text(Chromium chromium, String id) {
        List<WebElement> found = chromium.driver().findElements(By.id(id));
        return found.isEmpty() ? "(no #" + id + " on the page)" : found.get(0).getText();
    }

    /** Each row of the Nodes table as "node state", read in one step in the page (the panel redraws every few seconds). */
    @SuppressWarnings("unchecked")
    private static List<String> nodeRows(Chromium chromium) {
        return (List<String>) chromium.driver().executeScript("return [...document.querySelectorAll('#nodes tbody tr')]"
                + ".map(row => row.cells[0].textContent + ' ' + row.cells[2].textContent)");
    }

    @Test
    void theAdminsOperationsViewListsEveryNode() throws Exception {
        try (OpsCluster cluster = new OpsCluster(dataDir);
                Chromium chromium = Chromium.start()) {
            ScalingServer n1 = cluster.node("n1");
            cluster.node("n2");
            chromium.driver().get(n1.httpUri().toString());
            chromium.waitUp().until(page -> byId(chromium, "sign-in").isDisplayed());
            byId(chromium, "username").sendKeys(ADMIN.name());
            byId(chromium, "password").sendKeys(ADMIN.password());
            chromium.driver().findElement(By.cssSelector("#sign-in button[type=submit]")).click();

            chromium.waitUp().withMessage(() -> "the Nodes panel to list n1 and n2 up; it lists " + nodeRows(chromium)
                            + ", and says " + text(chromium, "nodes-status"))
                    .until(page -> nodeRows(chromium).equals(List.of("n1 up", "n2 up")));
            assertThat(byId(chromium, "nodes").isDisplayed()).as("the Nodes table").isTrue();
            assertThat(byId(chromium, "nodes-status").getText()).startsWith("2 up");

            byId(chromium, "sign-out").click();
            chromium.waitUp().until(page -> byId(chromium, "sign-in").isDisplayed());
            assertThat(byId(chromium, "operations").isDisplayed()).as("the operations view once signed out").isFalse();
        }
    }
}
