package org.livevitals.security;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.livevitals.rawsockets.Deterioration;
import org.livevitals.rawsockets.DeviceSimulator;
import org.livevitals.rawsockets.Plural;
import org.livevitals.rawsockets.VitalsGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo ward's bedside devices: one Lab 1 {@link DeviceSimulator} per patient, each on its
 * own TCP connection to the server's device port.
 *
 * <p>Lab 5 sends commands back to devices, and a command needs a connection to travel on: a
 * simulated feed inside the server has none. So the demo's patients are real TCP devices, and
 * two of them get ill on a script, so that alerts fire without waiting for luck: P003's SpO2
 * falls ({@link Deterioration#fallingSpO2()}) and P004's NEWS2 climbs
 * ({@link Deterioration#climbingNews2()}), each over and over.
 */
public final class SimulatedDevices implements AutoCloseable {

    /** How long a device waits before it dials again after losing the server. */
    public static final Duration RECONNECT_DELAY = Duration.ofSeconds(1);
    static final String FALLING_SPO2_PATIENT = "P003";
    static final String CLIMBING_NEWS2_PATIENT = "P004";

    private static final Logger log = LoggerFactory.getLogger(SimulatedDevices.class);

    private final List<DeviceSimulator> devices;

    private SimulatedDevices(List<DeviceSimulator> devices) {
        this.devices = List.copyOf(devices);
    }

    /**
     * Starts devices for patients P001 to P00N, each sending a reading every {@code interval}
     * to {@code host}:{@code devicePort}; each dials again on its own if the server goes away.
     */
    public static SimulatedDevices start(String host, int devicePort, int count, Duration interval) {
        Objects.requireNonNull(host, "host");
        if (count < 0) {
            throw new IllegalArgumentException("the number of simulated devices must be 0 or more, not " + count);
        }
        List<DeviceSimulator> started = new ArrayList<>();
        try {
            for (int n = 1; n <= count; n++) {
                String patient = String.format("P%03d", n);
                var vitals = new VitalsGenerator(patient, new Random(), Clock.systemUTC(), scriptFor(patient));
                started.add(new DeviceSimulator(host, devicePort, vitals, interval, RECONNECT_DELAY).start());
            }
        } catch (RuntimeException e) { // a bad argument: stop the ones already running, then say why
            started.forEach(DeviceSimulator::close);
            throw e;
        }
        log.info("simulating {} on {}:{}, one reading each every {} ms{}", Plural.of(count, "bedside device"),
                host, devicePort, interval.toMillis(), count >= 4 ? " (P003's SpO2 falls, P004's NEWS2 climbs)"
                        : count == 3 ? " (P003's SpO2 falls)" : "");
        return new SimulatedDevices(started);
    }

    /** The script a demo patient follows, or null for a patient who stays well. */
    static Deterioration scriptFor(String patient) {
        return switch (patient) {
            case FALLING_SPO2_PATIENT -> Deterioration.fallingSpO2();
            case CLIMBING_NEWS2_PATIENT -> Deterioration.climbingNews2();
            default -> null;
        };
    }

    /** How many devices run. */
    public int count() {
        return devices.size();
    }

    /** Stops every device (each hangs up and its thread ends); one that fails to stop does not keep the others running. */
    @Override
    public void close() {
        for (DeviceSimulator device : devices) {
            try {
                device.close();
            } catch (RuntimeException e) {
                log.warn("a simulated device did not stop cleanly", e);
            }
        }
    }
}
