package org.livevitals.security;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.eclipse.jetty.util.Fields;
import org.livevitals.rawsockets.VitalSigns;
import org.livevitals.rawsockets.WireText;

/**
 * The question of {@code GET /api/alerts}, read from its query and checked part by part: the same
 * question whoever answers it (Lab 5 from its alert center's memory, Lab 6 from the record).
 *
 * @param patient one patient's alerts, or null for all the caller may see
 * @param since   only changes at or after this time, or null
 * @param limit   the recent changes at most
 */
public record AlertsQuery(String patient, Instant since, int limit) {

    /**
     * @throws IllegalArgumentException saying which part is wrong and what it should be
     */
    public static AlertsQuery from(Fields fields) {
        String patient = fields.getValue("patient");
        if (patient != null && !VitalSigns.PATIENT_ID.matcher(patient).matches()) {
            throw new IllegalArgumentException("patient must be a patient id such as P001");
        }
        Instant since = null;
        String sinceText = fields.getValue("since");
        if (sinceText != null) {
            try {
                since = Instant.parse(sinceText);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("since must be a UTC time such as 2026-11-30T10:00:00Z, not '"
                        + WireText.printable(cut(sinceText)) + "'");
            }
        }
        int limit = AlertsApi.DEFAULT_LIMIT;
        String limitText = fields.getValue("limit");
        if (limitText != null) {
            if (!limitText.matches("[0-9]{1,4}") || Integer.parseInt(limitText) < 1 || Integer.parseInt(limitText) > AlertsApi.MAX_LIMIT) {
                throw new IllegalArgumentException("limit must be a whole number from 1 to " + AlertsApi.MAX_LIMIT);
            }
            limit = Integer.parseInt(limitText);
        }
        return new AlertsQuery(patient, since, limit);
    }

    private static String cut(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
