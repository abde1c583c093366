package org.livevitals.scaling.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livevitals.security.Access;
import org.livevitals.security.AuditRecord;
import org.livevitals.security.AuditTrail;
import org.livevitals.security.Role;
import org.livevitals.security.SigningKey;
import org.livevitals.security.Tokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code GET /api/admin/nodes} on its own: admins only, each node up or gone, 503 when the directory cannot be read. */
class NodesApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dataDir;
    private final Clock clock = Clock.systemUTC();
    private Tokens tokens;
    private AuditTrail audit;
    private NodeDirectory directory;
    private HandlerServer server;
    private String admin;
    private String nurse;

    @BeforeEach
    void start() throws Exception {
        tokens = new Tokens(SigningKey.development(dataDir), clock, Tokens.DEFAULT_SIGN_IN_LIFETIME,
                Tokens.DEFAULT_TICKET_LIFETIME);
        audit = AuditTrail.open(dataDir.resolve("audit.jsonl"), clock);
        admin = tokens.signIn(new Access("admin.ray", Role.ADMIN, Set.of())).token();
        nurse = tokens.signIn(new Access("nurse.kim", Role.NURSE, Set.of("icu"))).token();
        directory = new InMemoryNodeDirectory();
        NodeDirectory whicheverTheTestSets = new NodeDirectory() {
            @Override
            public void report(NodeStatus status) {
                directory.report(status);
            }

            @Override
            public List<NodeStatus> nodes() {
                return directory.nodes();
            }
        };
        server = new HandlerServer(Map.of(NodesApi.PATH, new NodesApi(tokens, audit, whicheverTheTestSets, clock)));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        audit.close();
    }

    @Test
    void anAdminSeesEachNodeUpOrGone() throws Exception {
        Instant now = clock.instant();
        NodeStatus up = new NodeStatus("n1", "http://localhost:8081/", 3, 150.5, 0.8, now);
        NodeStatus gone = new NodeStatus("n2", "http://localhost:8082/", 2, 0, 0,
                now.minus(NodeDirectory.GONE_AFTER).minusSeconds(5));
        directory = new NodeDirectory() {
            @Override
            public void report(NodeStatus status) {}

            @Override
            public List<NodeStatus> nodes() {
                return List.of(up, gone);
            }
        };

        HttpResponse<String> answer = server.get(NodesApi.PATH, admin);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode nodes = JSON.readTree(answer.body());
        assertThat(nodes).hasSize(2);
        assertThat(nodes.get(0).path("node").asString()).isEqualTo("n1");
        assertThat(nodes.get(0).path("state").asString()).isEqualTo("up");
        assertThat(nodes.get(0).path("address").asString()).isEqualTo("http://localhost:8081/");
        assertThat(nodes.get(0).path("sessions").asInt()).isEqualTo(3);
        assertThat(nodes.get(0).path("deliveriesPerSecond").asDouble()).isEqualTo(150.5);
        assertThat(nodes.get(0).path("backplaneLagMs").asDouble()).isEqualTo(0.8);
        assertThat(Instant.parse(nodes.get(0).path("lastSeen").asString())).isEqualTo(now);
        assertThat(nodes.get(1).path("state").asString()).isEqualTo("gone");
    }

    @Test
    void aNurseGets403AndItIsAudited() throws Exception {
        HttpResponse<String> answer = server.get(NodesApi.PATH, nurse);
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.body()).isEqualTo("{\"type\":\"error\",\"reason\":\"operations are for admins\"}");
        AuditRecord refusal = audit.recent(1).get(0);
        assertThat(refusal.user()).isEqualTo("nurse.kim");
        assertThat(refusal.outcome()).contains("refused").contains(NodesApi.PATH);
    }

    @Test
    void withoutAGoodTokenItIs401() throws Exception {
        HttpResponse<String> none = server.get(NodesApi.PATH, null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(JSON.readTree(none.body()).path("type").asString()).isEqualTo("error");

        HttpResponse<String> forged = server.get(NodesApi.PATH, admin.substring(0, admin.length() - 2) + "xx");
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(forged.body()).path("reason").asString()).startsWith("sign-in token refused");
    }

    @Test
    void anotherMethodGets405WithAllow() throws Exception {
        HttpResponse<String> answer = server.send("POST", NodesApi.PATH, admin);
        assertThat(answer.statusCode()).isEqualTo(405);
        assertThat(answer.headers().firstValue("Allow")).hasValue("GET");
        assertThat(JSON.readTree(answer.body()).path("reason").asString()).isEqualTo("use GET");
    }

    @Test
    void aDirectoryThatCannotBeReadGives503() throws Exception {
        directory = new NodeDirectory() {
            @Override
            public void report(NodeStatus status) {}

            @Override
            public List<NodeStatus> nodes() {
                throw new IllegalStateException("Connection closed");
            }
        };
        HttpResponse<String> answer = server.get(NodesApi.PATH, admin);
        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(answer.body()).path("type").asString()).isEqualTo("error");
    }

    @Test
    void aNodeAloneListsItself() throws Exception {
        NodeMetrics metrics = new NodeMetrics(() -> 1);
        try (NodeReporter reporter = new NodeReporter("n1", "http://localhost:8081/", metrics, directory, clock)) {
            reporter.report();
        }
        JsonNode nodes = JSON.readTree(server.get(NodesApi.PATH, admin).body());
        assertThat(nodes).hasSize(1);
        assertThat(nodes.get(0).path("sessions").asInt()).isEqualTo(1);
        assertThat(nodes.get(0).path("state").asString()).isEqualTo("up");
    }

}
