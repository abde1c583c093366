package org.livevitals.rawsockets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The codec on its own: what it writes it can read, and what it rejects it explains. */
class VitalsLineCodecTest {

    private final VitalsLineCodec codec = new VitalsLineCodec();
    private final Instant now = Instant.parse("2026-11-22T10:16:00Z");

    @Test
    void encodedReadingDecodesToTheSameReading() throws InvalidLineException {
        VitalSigns reading = new VitalSigns("bed-12", Instant.parse("2026-11-22T10:15:30.250Z"), 82, 97, 37.5, 120, 80, 16);
        String line = codec.encode(reading);
        assertThat(line).isEqualTo("Patient=bed-12|Time=2026-11-22T10:15:30.250Z|Pulse=82|SpO2=97|Temperature=37.5|BP=120/80|Resp=16");
        assertThat(codec.decode(line, now)).isEqualTo(reading);
    }

    @Test
    void fieldsMayComeInAnyOrderAndTimeDefaultsToArrival() throws InvalidLineException {
        VitalSigns reading = codec.decode("Temperature=37.5|Pulse=82|BP=120/80|SpO2=97|Resp=16|Patient=P001", now);
        assertThat(reading).isEqualTo(new VitalSigns("P001", now, 82, 97, 37.5, 120, 80, 16));
    }

    @Test
    void numbersInOtherNotationsAreRejected() {
        assertThatThrownBy(() -> codec.decode("Patient=P1|Pulse=8e1|SpO2=97|Temperature=37.5|BP=120/80|Resp=16", now))
                .isInstanceOf(InvalidLineException.class).hasMessage("bad number for Pulse: '8e1'");
        assertThatThrownBy(() -> codec.decode("Patient=P1|Pulse=80|SpO2=97|Temperature=NaN|BP=120/80|Resp=16", now))
                .hasMessage("bad number for Temperature: 'NaN'");
    }

    @Test
    void aTimeWithinTheAllowedSkewIsAcceptedAndKeptToTheMillisecond() throws InvalidLineException {
        VitalSigns reading = codec.decode("Patient=P1|Time=2026-11-22T10:16:09.123456Z|Pulse=80|SpO2=97|Temperature=37.5|BP=120/80|Resp=16", now);
        assertThat(reading.takenAt()).isEqualTo(Instant.parse("2026-11-22T10:16:09.123Z"));
    }

    @Test
    void aHugeValueIsReportedAsSentNotAsTheLargestLong() {
        assertThat(Vital.TEMPERATURE.impossibility(1e300))
                .hasValue("Temperature 1.0E300 is outside the possible range 25..45 °C");
        assertThat(Vital.HEART_RATE.impossibility(-1e19))
                .hasValue("Pulse -1.0E19 is outside the possible range 20..300 beats/min");
        assertThat(Vital.HEART_RATE.impossibility(400)).hasValue("Pulse 400 is outside the possible range 20..300 beats/min");
    }

    @Test
    void badTimeAndBadPatientIdAreExplained() {
        assertThatThrownBy(() -> codec.decode("Patient=P1|Time=yesterday|Pulse=80|SpO2=97|Temperature=37.5|BP=120/80|Resp=16", now))
                .hasMessage("bad time 'yesterday': use ISO-8601 UTC, e.g. 2026-11-22T10:15:30Z");
        assertThatThrownBy(() -> codec.decode("Patient=P 1|Pulse=80|SpO2=97|Temperature=37.5|BP=120/80|Resp=16", now))
                .hasMessageStartingWith("bad patient id 'P 1'");
    }

    @Test
    void aLineThisSystemWroteKeepsItsTimeHoweverOld() throws InvalidLineException {
        VitalSigns longAgo = new VitalSigns("P001", Instant.parse("2020-01-01T00:00:00.250Z"), 82, 97, 37.5, 120, 80, 16);
        assertThat(codec.decodeAccepted(codec.encode(longAgo))).isEqualTo(longAgo);
        assertThat(codec.decodeAccepted("Time=2020-01-01T00:00:00.250Z|Patient=P001|Pulse=82|SpO2=97|Temperature=37.5|BP=120/80|Resp=16"))
                .isEqualTo(longAgo);
        assertThatThrownBy(() -> codec.decode(codec.encode(longAgo), now)).hasMessageContaining("h old");
    }

    @Test
    void aLineThisSystemWroteMustStillCarryAReadableTimeAndReading() {
        assertThatThrownBy(() -> codec.decodeAccepted("Patient=P1|Pulse=80|SpO2=97|Temperature=37.5|BP=120/80|Resp=16"))
                .isInstanceOf(InvalidLineException.class).hasMessage("missing field Time");
        assertThatThrownBy(() -> codec.decodeAccepted("Patient=P1|Time=soon|Pulse=80|SpO2=97|Temperature=37.5|BP=120/80|Resp=16"))
                .isInstanceOf(InvalidLineException.class).hasMessage("bad time 'soon'");
        assertThatThrownBy(() -> codec.decodeAccepted("Patient=P1|Time=2020-01-01T00:00:00Z|Pulse=900|SpO2=97|Temperature=37.5|BP=120/80|Resp=16"))
                .isInstanceOf(InvalidLineException.class).hasMessageStartingWith("Pulse 900 is outside");
        assertThatThrownBy(() -> codec.decodeAccepted("")).isInstanceOf(InvalidLineException.class);
    }
}
