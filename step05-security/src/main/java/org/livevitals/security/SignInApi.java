package org.livevitals.security;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.livevitals.broadcast.JsonResponses;
import org.livevitals.broadcast.RequestBodies;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/login}: a user name and a password in, a short-lived sign-in token out.
 *
 * <p>A wrong password and an unknown user get the same answer, word for word, and take about the same
 * time ({@link Users#signIn}): the API does not tell an attacker which user names exist. Every
 * attempt is audited, with the user name as typed and never the password.
 */
final class SignInApi extends Handler.Abstract {

    /** A user name and a password: a few hundred bytes. */
    static final int MAX_BODY_BYTES = 4 * 1024;
    static final String WRONG_CREDENTIALS = "wrong user name or password";

    private final Users users;
    private final Tokens tokens;
    private final AuditTrail audit;
    private final SignInThrottle throttle;
    private final SecurityMessages messages = new SecurityMessages();
    private final JsonMapper json = JsonMapper.builder().build();

    SignInApi(Users users, Tokens tokens, AuditTrail audit, Clock clock) {
        this.users = users;
        this.tokens = tokens;
        this.audit = audit;
        this.throttle = new SignInThrottle(clock);
    }

    /** What a sign-in request holds, once read. */
    private record Credentials(String username, String password) {}

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!HttpMethod.POST.is(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "POST");
            return error(response, HttpStatus.METHOD_NOT_ALLOWED_405, "use POST to sign in", callback);
        }
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (type == null || !"application/json".equalsIgnoreCase(MimeTypes.getBase(type))) {
            return error(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE_415,
                    "send {\"username\":...,\"password\":...} as Content-Type: application/json", callback);
        }
        long length = request.getLength();
        if (length < 0 || length > MAX_BODY_BYTES) {
            return error(response, length < 0 ? HttpStatus.LENGTH_REQUIRED_411 : HttpStatus.PAYLOAD_TOO_LARGE_413,
                    "send a Content-Length of at most " + MAX_BODY_BYTES + " bytes", callback);
        }
        RequestBodies.read(request, MAX_BODY_BYTES, (body, unreadable) -> { // read as it comes: Lab 3's RequestBodies
            try {
                signIn(request, response, callback, unreadable == null ? credentials(body) : Optional.empty());
            } catch (RuntimeException e) {
                callback.failed(e); // Jetty answers 500, as it did for a failure thrown from handle
            }
        });
        return true;
    }

    /** Checks the credentials the body held, within the throttle and the limit on checks at once, and answers. */
    private boolean signIn(Request request, Response response, Callback callback, Optional<Credentials> credentials) {
        if (credentials.isEmpty()) {
            return error(response, HttpStatus.BAD_REQUEST_400,
                    "the body must be a JSON object with the strings username and password", callback);
        }
        String address = Request.getRemoteAddr(request);
        String username = credentials.get().username();
        Optional<String> throttled = throttle.attempt(address, username);
        if (throttled.isPresent()) {
            audit.recordRefusal(new AuditEvent(username, null, address, AuditEvent.SIGN_IN, null, AuditEvent.refused(throttled.get())));
            return error(response, HttpStatus.TOO_MANY_REQUESTS_429, throttled.get(), callback);
        }
        Optional<Access> access;
        try {
            access = users.signIn(username, credentials.get().password());
        } catch (SignInBusyException busy) {
            return error(response, HttpStatus.TOO_MANY_REQUESTS_429, "too many sign-ins at once: try again in a moment", callback);
        }
        if (access.isEmpty()) {
            throttle.failed(username);
            audit.recordRefusal(new AuditEvent(username, null, address, AuditEvent.SIGN_IN, null, AuditEvent.refused(WRONG_CREDENTIALS)));
            return error(response, HttpStatus.UNAUTHORIZED_401, WRONG_CREDENTIALS, callback);
        }
        audit.record(new AuditEvent(username, access.get().role().wireName(), address, AuditEvent.SIGN_IN, null, AuditEvent.OK));
        return JsonResponses.send(response, HttpStatus.OK_200,
                messages.signedIn(tokens.signIn(access.get()), access.get()), callback);
    }

    /** The two strings, or empty for anything else (not JSON, not an object, a field missing or not text). */
    private Optional<Credentials> credentials(byte[] body) {
        try {
            JsonNode node = json.readTree(new String(body, StandardCharsets.UTF_8));
            JsonNode username = node.get("username");
            JsonNode password = node.get("password");
            if (node.isObject() && username != null && username.isString() && password != null && password.isString()) {
                return Optional.of(new Credentials(username.asString(), password.asString()));
            }
        } catch (JacksonException notJson) {
            // answered below, like any other body that is not the two strings
        }
        return Optional.empty();
    }

    private boolean error(Response response, int status, String reason, Callback callback) {
        return JsonResponses.send(response, status, messages.error(reason), callback);
    }
}
