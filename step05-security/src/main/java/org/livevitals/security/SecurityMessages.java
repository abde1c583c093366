package org.livevitals.security;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.livevitals.broadcast.DashboardMessages;
import tools.jackson.databind.json.JsonMapper;

/** The JSON answers of Lab 5's HTTP API (the reference is {@code labs/protocol.md}). */
final class SecurityMessages {

    record SignedInAnswer(String token, Instant expiresAt, String user, String role, Set<String> wards) {}

    record TicketAnswer(String ticket, long expiresInMs) {}

    /** The answer to one command, for the session that sent it (labs/protocol.md). */
    record CommandResult(String type, String requestId, String patient, String command, String outcome, String detail) {}

    record SessionView(String user, String role, Set<String> wards, String address, Instant since) {}

    private final JsonMapper json = JsonMapper.builder().build();
    private final DashboardMessages lab3 = new DashboardMessages();

    String signedIn(Tokens.SignedIn token, Access access) {
        return json.writeValueAsString(new SignedInAnswer(token.token(), token.expiresAt(), access.user(),
                access.role().wireName(), new TreeSet<>(access.wards())));
    }

    String ticket(String ticket, long expiresInMs) {
        return json.writeValueAsString(new TicketAnswer(ticket, expiresInMs));
    }

    String sessions(List<SignedInSessions.SignedIn> open) {
        return json.writeValueAsString(open.stream()
                .map(s -> new SessionView(s.access().user(), s.access().role().wireName(),
                        new TreeSet<>(s.access().wards()), s.address(), s.since()))
                .toList());
    }

    String commandResult(String requestId, String patient, String command, String outcome, String detail) {
        return json.writeValueAsString(new CommandResult("command-result", requestId, patient, command, outcome, detail));
    }

    String audit(List<AuditRecord> records) {
        return json.writeValueAsString(records);
    }

    /** Lab 3's error message: {@code {"type":"error","reason":"..."}}. */
    String error(String reason) {
        return lab3.error(reason);
    }
}
