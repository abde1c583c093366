package org.livevitals.security.alerts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.livevitals.rawsockets.WireText;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * The alarm limits of every vital a ward alarms on: what turns a number on a tile into an alert.
 *
 * <p>{@link #DEFAULTS} are common adult bedside-monitor settings, chosen to sit just beyond the
 * NEWS2 bands that score 2 or 3; a hospital sets its own in a file ({@link #fromFile}). The limits
 * are a clinical decision, so the file is checked as strictly as the code: a wrong limit is a
 * silent monitor, and a message at start-up is better.
 */
public final class AlertLimits {

    /**
     * Adult defaults: SpO2 critical below 90 %, warning below 94 %; Pulse critical below 40 or above
     * 130 beats/min, warning below 50 or above 110; Resp critical below 8 or above 30 breaths/min,
     * warning below 10 or above 24; Systolic critical below 90 or above 220 mmHg, warning below 100 or
     * above 180; Temperature critical below 35.0 or above 39.5 °C, warning below 36.0 or above 38.5.
     * Diastolic: none (NEWS2 does not score it, and a low diastolic alone is rarely acted on).
     */
    public static final AlertLimits DEFAULTS = new AlertLimits(List.of(
            VitalLimits.of("SpO2", 90.0, 94.0, null, null),
            VitalLimits.of("Pulse", 40.0, 50.0, 110.0, 130.0),
            VitalLimits.of("Resp", 8.0, 10.0, 24.0, 30.0),
            VitalLimits.of("Systolic", 90.0, 100.0, 180.0, 220.0),
            VitalLimits.of("Temperature", 35.0, 36.0, 38.5, 39.5)));

    static final String FORMAT = "a JSON object of vital to limits, e.g. "
            + "{\"SpO2\": {\"criticalBelow\": 90, \"warningBelow\": 94}}";

    /** One vital's limits as written in a file; the unit is optional, and checked when given. */
    private record Entry(String unit, Double criticalBelow, Double warningBelow, Double warningAbove, Double criticalAbove) {}

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)    // "criticalbelow": a typo that would drop a limit
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)        // two SpO2 entries: which one is meant?
            .withCoercionConfig(LogicalType.Float, number -> number
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    private final Map<Parameter, VitalLimits> byVital = new EnumMap<>(Parameter.class);

    /**
     * These limits, one per vital; a vital not given (or given with no limit set) never alarms.
     *
     * @throws IllegalArgumentException when two are for the same vital
     */
    public AlertLimits(Collection<VitalLimits> limits) {
        for (VitalLimits vital : limits) {
            Parameter parameter = Parameter.fromKey(vital.vital()).orElseThrow();
            if (byVital.containsKey(parameter)) {
                throw new IllegalArgumentException("two sets of limits for " + vital.vital());
            }
            if (vital.isChecked()) {
                byVital.put(parameter, vital);
            }
        }
    }

    /**
     * The limits in a file: a JSON object from vital to its limits. A vital the file does not name
     * keeps its default, so a file that sets only SpO2 leaves every other alarm as it was; to switch
     * a vital's alarms off, name it with no limits ({@code "Diastolic": {}}).
     *
     * <pre>
     * {"SpO2": {"unit": "%", "criticalBelow": 88, "warningBelow": 92},
     *  "Pulse": {"criticalBelow": 40, "warningBelow": 50, "warningAbove": 120, "criticalAbove": 140}}
     * </pre>
     *
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException naming the file and what is wrong: an unknown vital or field,
     *     a unit that is not the devices', a limit outside the possible range, limits out of order
     */
    public static AlertLimits fromFile(Path file) throws IOException {
        return parse(Files.readString(file), file.toString());
    }

    /** The limits in {@code json}; {@code source} names it in a message. */
    static AlertLimits parse(String json, String source) {
        Map<String, Entry> entries = read(json, source);
        Map<Parameter, VitalLimits> limits = new EnumMap<>(DEFAULTS.byVital);
        for (Map.Entry<String, Entry> named : entries.entrySet()) {
            String vital = named.getKey();
            Entry entry = named.getValue();
            if (entry == null) {
                throw wrong(source, "\"" + WireText.printable(vital) + "\" is null: write {} for a vital with no limits");
            }
            try {
                Parameter parameter = Parameter.fromKey(vital).orElseThrow(() -> new IllegalArgumentException(
                        "unknown vital \"" + WireText.printable(vital) + "\": use " + Parameter.KEYS));
                String unit = entry.unit() == null ? parameter.unit() : entry.unit();
                limits.put(parameter, new VitalLimits(vital, unit, entry.criticalBelow(), entry.warningBelow(),
                        entry.warningAbove(), entry.criticalAbove()));
            } catch (IllegalArgumentException e) {
                throw wrong(source, e.getMessage());
            }
        }
        return new AlertLimits(limits.values());
    }

    /** This vital's limits, or empty when it never alarms. */
    public Optional<VitalLimits> of(String vital) {
        return Parameter.fromKey(vital).map(byVital::get);
    }

    /** The limits of every vital that alarms, in a fixed order. */
    public List<VitalLimits> all() {
        return List.copyOf(byVital.values());
    }

    /** These limits with {@code limits} in place of that vital's. */
    public AlertLimits with(VitalLimits limits) {
        List<VitalLimits> others = new ArrayList<>(byVital.values());
        others.removeIf(vital -> vital.vital().equals(limits.vital()));
        others.add(limits);
        return new AlertLimits(others);
    }

    private static Map<String, Entry> read(String json, String source) {
        Map<String, Entry> entries;
        try {
            entries = JSON.readValue(json, new TypeReference<LinkedHashMap<String, Entry>>() {});
        } catch (UnrecognizedPropertyException e) {
            throw wrong(source, "unknown field \"" + WireText.printable(e.getPropertyName()) + "\" " + where(e)
                    + "; a vital's limits are unit, criticalBelow, warningBelow, warningAbove and criticalAbove");
        } catch (JacksonException e) {
            throw wrong(source, "not " + FORMAT + " " + where(e));
        }
        if (entries == null) {
            throw wrong(source, "not " + FORMAT);
        }
        return entries;
    }

    private static IllegalArgumentException wrong(String source, String why) {
        return new IllegalArgumentException("alert limits file " + source + ": " + why);
    }

    private static String where(JacksonException e) {
        List<String> where = new ArrayList<>();
        if (!e.getPath().isEmpty() && e.getPath().get(0).getPropertyName() != null) {
            where.add("at " + WireText.printable(e.getPath().get(0).getPropertyName()));
        }
        if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
            where.add("line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        }
        return where.isEmpty() ? "" : "(" + String.join(", ", where) + ")";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AlertLimits that && byVital.equals(that.byVital);
    }

    @Override
    public int hashCode() {
        return byVital.hashCode();
    }

    @Override
    public String toString() {
        return "AlertLimits" + all();
    }
}
