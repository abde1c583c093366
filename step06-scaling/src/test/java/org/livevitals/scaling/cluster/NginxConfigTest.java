package org.livevitals.scaling.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livevitals.reconnect.ReconnectingClient;

/** Lab 6: the repository's nginx template, rendered for a cluster's ports, and checked by nginx itself. */
class NginxConfigTest {

    private static final Pattern UPSTREAM_SERVER_LINE = Pattern.compile("(?m)^\\s*server\\s+\\S+:\\d+.*;\\s*$");

    @TempDir
    Path prefix;

    @Test
    void theTemplateAsItIsRunsTheDefaultCluster() {
        String template = NginxFixture.template();

        assertThat(template).as("the template's listen line").containsPattern("(?m)^\\s*listen 8080;");
        assertThat(upstreamServers(template)).as("the template's upstream servers")
                .containsExactly("server 127.0.0.1:8081 max_fails=1 fail_timeout=10s;",
                        "server 127.0.0.1:8082 max_fails=1 fail_timeout=10s;");
    }

    @Test
    void renderingChangesOnlyTheListenPortAndTheUpstreamServers() {
        String template = NginxFixture.template();

        String rendered = NginxConfig.render(template, 18080, List.of("127.0.0.1:18081", "127.0.0.1:18082", "127.0.0.1:18083"));

        assertThat(rendered).containsPattern("(?m)^\\s*listen 18080;").doesNotContainPattern("(?m)^\\s*listen 8080;");
        assertThat(upstreamServers(rendered)).containsExactly(
                "server 127.0.0.1:18081 max_fails=1 fail_timeout=10s;",
                "server 127.0.0.1:18082 max_fails=1 fail_timeout=10s;",
                "server 127.0.0.1:18083 max_fails=1 fail_timeout=10s;");
        assertThat(withoutPortsAndServers(rendered)).as("every other line, as the template has it")
                .isEqualTo(withoutPortsAndServers(template));
    }

    /**
     * nginx cuts a WebSocket on which the node sent nothing for {@code proxy_read_timeout}. A node
     * leaves a quiet dashboard silent for up to one and a half heartbeat intervals (a heartbeat spared
     * because it had just been sent a reading), and {@code --heartbeat-ms} goes up to 60 s: the timeout must outlast the
     * client's own silence window at that longest interval, or nginx would cut live dashboards.
     */
    @Test
    void theProxysReadTimeoutOutlastsTheLongestSilenceANodeLeavesAQuietDashboard() {
        Duration longestHeartbeat = Duration.ofSeconds(60); // ResumeOptions: --heartbeat-ms 100..60000
        Matcher timeout = Pattern.compile("(?m)^\\s*proxy_read_timeout\\s+(\\d+)s;").matcher(NginxFixture.template());

        assertThat(timeout.find()).as("a proxy_read_timeout in seconds").isTrue();
        assertThat(Duration.ofSeconds(Long.parseLong(timeout.group(1))))
                .isGreaterThanOrEqualTo(longestHeartbeat.multipliedBy(ReconnectingClient.MISSED_HEARTBEATS));
    }

    @Test
    void aTemplateThatDoesNotSayWhereThePortsGoIsRefused() {
        String template = NginxFixture.template();
        List<String> nodes = List.of("127.0.0.1:18081");

        assertThatThrownBy(() -> NginxConfig.render(template.replace("listen 8080;", "# no listen"), 1, nodes))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no 'listen PORT;' line");
        assertThatThrownBy(() -> NginxConfig.render(template.replace("listen 8080;", "listen 8080;\nlisten 8443;"), 1, nodes))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than one 'listen' line");
        assertThatThrownBy(() -> NginxConfig.render(UPSTREAM_SERVER_LINE.matcher(template).replaceAll(""), 1, nodes))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no upstream 'server");
        assertThatThrownBy(() -> NginxConfig.render(template, 1, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one node");
    }

    @Test
    void nginxAcceptsTheRenderedConfiguration() {
        Path nginx = NginxFixture.nginxOrSkip();
        String rendered = NginxConfig.render(NginxFixture.template(), NginxFixture.freePort(),
                List.of("127.0.0.1:" + NginxFixture.freePort(), "127.0.0.1:" + NginxFixture.freePort()));
        NginxConfig.writeTo(prefix, rendered);

        assertThat(Nginx.check(nginx, prefix)).contains("syntax is ok", "test is successful");
    }

    @Test
    void nginxNamesWhatItRejects() {
        Path nginx = NginxFixture.nginxOrSkip();
        NginxConfig.writeTo(prefix, NginxFixture.template().replace("proxy_http_version 1.1;", "proxy_http_version 1.1"));

        assertThatThrownBy(() -> Nginx.check(nginx, prefix)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nginx rejects").hasMessageContaining("nginx.conf");
    }

    private static List<String> upstreamServers(String config) {
        return config.lines().filter(line -> UPSTREAM_SERVER_LINE.matcher(line).matches()).map(String::strip).toList();
    }

    private static String withoutPortsAndServers(String config) {
        return config.replaceAll("(?m)^[ \t]*server\\s+\\S+:\\d+[^\n]*\n", "").replaceAll("listen \\d+;", "listen PORT;");
    }
}
