package org.livevitals.security.alerts;

import java.util.Locale;

/**
 * How urgently an alert needs a person: the three priorities of IEC 60601-1-8, the standard for
 * alarms of medical electrical equipment. A dashboard shows each with its own colour, word and
 * sound, so a nurse tells a falling SpO2 from a loose probe without reading the text.
 *
 * <p>Declared from least to most urgent: {@code compareTo} orders by urgency.
 */
public enum Priority {
    /** Awareness: look when you can (a NEWS2 single parameter scoring 3). */
    LOW,
    /** Prompt response: a warning limit crossed, NEWS2 5 or 6, a device not reporting. */
    MEDIUM,
    /** Immediate response: a critical limit crossed, NEWS2 7 or more. */
    HIGH;

    /** How a priority is written in JSON: {@code low}, {@code medium}, {@code high}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
