package org.livevitals.security;

import java.time.Clock;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.livevitals.broadcast.DashboardMessages;
import org.livevitals.broadcast.ReadingRefusedException;
import org.livevitals.broadcast.ReadingsApiHandler;
import org.livevitals.rawsockets.ReadingListener;

/**
 * {@code POST /api/readings} with Lab 5's rules: a doctor may send a reading for any patient, a nurse
 * for the patients of her wards, an admin for none. The reading is read and checked by Lab 3's
 * handler; who sent it decides whether it is published.
 */
final class ReadingsApi extends SignedInApi {

    static final String SIGN_IN_ENDED = "the sign-in ended before the reading arrived";

    private final ReadingListener stream;
    private final Wards wards;
    /** Lab 3's handler reads and checks the body; made once, since it holds a JSON mapper. */
    private final ReadingsApiHandler lab3;
    private final Clock clock;

    ReadingsApi(Tokens tokens, AuditTrail audit, ReadingListener stream, Wards wards, Clock clock) {
        super(tokens, audit);
        this.stream = stream;
        this.wards = wards;
        this.lab3 = new ReadingsApiHandler(new DashboardMessages(), stream, clock);
        this.clock = clock;
    }

    @Override
    protected boolean handle(Request request, Response response, Callback callback, Tokens.Admission signedIn) throws Exception {
        Access access = signedIn.access();
        if (access.role() == Role.ADMIN) {
            return forbidden(request, response, callback, access, "an admin does not send readings");
        }
        ReadingListener allowed = reading -> {
            // The token was checked when the headers came; a body can take far longer to arrive (Lab 3 reads it as it comes).
            if (!clock.instant().isBefore(signedIn.sessionEndsAt())) {
                auditRefusal(request, access, reading.patientId(), SIGN_IN_ENDED);
                throw new ReadingRefusedException(SIGN_IN_ENDED + ": sign in again");
            }
            if (!access.maySeeWard(wards.wardOf(reading.patientId()).orElse(null))) {
                auditRefusal(request, access, reading.patientId(), "patient not on the sender's wards");
                throw new ReadingRefusedException("patient " + reading.patientId() + " is not on your wards");
            }
            stream.onReading(reading);
            auditDone(request, access, reading.patientId());
        };
        return lab3.handle(request, response, callback, allowed);
    }
}
