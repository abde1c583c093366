package org.livevitals.scaling.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.livevitals.testkit.CourseFiles;

/** nginx for the cluster's tests: found, or the test skipped with how to install it (a failure under CI). */
final class NginxFixture {

    private NginxFixture() {}

    /** The nginx executable; skips the calling test when there is none, except under CI, which installs it. */
    static Path nginxOrSkip() {
        Path nginx = Nginx.find().orElse(null);
        if (nginx == null && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("nginx is missing on CI: .ci/run should have installed it");
        }
        Assumptions.assumeTrue(nginx != null, "nginx is not installed; to run the nginx scenarios: " + Nginx.INSTALL);
        return nginx;
    }

    /** The repository's nginx template. */
    static String template() {
        return NginxConfig.template(CourseFiles.root().resolve(NginxConfig.TEMPLATE));
    }

    /**
     * A port free at the moment: for nginx's listen port, which must be in its configuration before it
     * starts (another process could take it in between; nginx would then say so, and the test fail).
     */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
