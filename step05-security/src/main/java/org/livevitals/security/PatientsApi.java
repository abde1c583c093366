package org.livevitals.security;

import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.livevitals.broadcast.DashboardMessages;
import org.livevitals.rawsockets.VitalSigns;

/**
 * {@code GET /api/patients} with Lab 5's rules: the latest reading of each patient the caller may see.
 * A doctor gets every patient, a nurse her wards', and an admin a 403: operations, not vitals.
 */
final class PatientsApi extends SignedInApi {

    private final Supplier<java.util.Collection<VitalSigns>> latest;
    private final Wards wards;
    private final DashboardMessages lab3 = new DashboardMessages();

    /** @param latest the latest reading of every patient: this server's, or (Lab 6) the cluster's */
    PatientsApi(Tokens tokens, AuditTrail audit, Supplier<java.util.Collection<VitalSigns>> latest, Wards wards) {
        super(tokens, audit);
        this.latest = latest;
        this.wards = wards;
    }

    @Override
    protected boolean handle(Request request, Response response, Callback callback, Tokens.Admission signedIn) {
        if (!HttpMethod.GET.is(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET");
            return json(response, HttpStatus.METHOD_NOT_ALLOWED_405, messages.error("use GET to read the patients"), callback);
        }
        Access access = signedIn.access();
        if (access.role() == Role.ADMIN) {
            return forbidden(request, response, callback, access, "an admin sees operations, not patients' vitals");
        }
        auditDone(request, access, null);
        return json(response, HttpStatus.OK_200, lab3.readingsArray(latest.get().stream()
                .filter(reading -> access.maySeeWard(wards.wardOf(reading.patientId()).orElse(null)))
                .toList()), callback);
    }
}
