package org.livevitals.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.livevitals.security.SecureFixture.ADMIN;
import static org.livevitals.security.SecureFixture.DOCTOR;
import static org.livevitals.security.SecureFixture.JSON;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livevitals.broadcast.QueryParameters;

/** {@code GET /api/admin/audit?limit=N}: every bad {@code limit} is a JSON 400 with a reason, as the protocol says. */
class AdminApiTest {

    private static final String LIMIT_REASON = "limit must be a whole number from 1 to " + AdminApi.MAX_AUDIT_RECORDS;

    @TempDir
    Path dataDir;
    private SecureFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new SecureFixture(dataDir);
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void aLimitThatIsNotOneToTheMaximumOrAQueryThatCannotBeReadIsAJson400() throws Exception {
        fixture.signIn(DOCTOR); // two sign-ins: two records at least
        String admin = fixture.signIn(ADMIN);

        HttpResponse<String> two = fixture.get(AdminApi.AUDIT + "?limit=2", admin);
        assertThat(two.statusCode()).as("limit=2: %s", two.body()).isEqualTo(200);
        assertThat(JSON.readTree(two.body()).size()).as("records for limit=2").isEqualTo(2);

        for (String limit : new String[] {"0", "201", "abc", "1000"}) {
            fixture.getAsWritten(AdminApi.AUDIT + "?limit=" + limit, admin).assertJsonError(400, LIMIT_REASON);
        }
        for (String unreadable : new String[] {"?limit=%zz", "?limit=%", "?limit=%ff"}) {
            fixture.getAsWritten(AdminApi.AUDIT + unreadable, admin).assertJsonError(400, QueryParameters.UNREADABLE);
        }
    }
}
