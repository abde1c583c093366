package org.livevitals.loadtest;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.JMException;
import javax.management.JMRuntimeException;
import javax.management.ObjectName;

/**
 * What a server process holds, measured from inside it: heap in use after a full GC (what the
 * connections really hold, not garbage waiting to be collected), and resident memory once the
 * C library has handed its free memory back to the system, for the same reason. Its CPU time
 * is read apart ({@link #processCpuNanos()}), because the full GC here would stall a running test.
 * {@link BenchServer} sends it as JSON from its control port; {@link ServerProcess} reads it back.
 *
 * @param handedBackBytes what the C library handed back just before {@code rssBytes} was read, or -1
 *                        where the JVM or the C library cannot do it (the report then says the
 *                        figure is untrimmed)
 */
record ProcessCosts(int connections, long heapBytes, long rssBytes, long handedBackBytes) {

    /** The trim's own account: "Trim native heap: RSS+Swap: 79084K->76320K (-2764K)". */
    private static final Pattern TRIM_ANSWER = Pattern.compile("RSS\\+Swap: (\\d+)([BKMG])->(\\d+)([BKMG])");

    boolean rssTrimmed() {
        return handedBackBytes >= 0;
    }

    static ProcessCosts measure(int connections) {
        System.gc();
        System.gc(); // twice: the first may only queue finalizable objects
        long heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null)
                .mapToLong(pool -> pool.getCollectionUsage().getUsed()).sum();
        long handedBack = trimNativeHeap();
        return new ProcessCosts(connections, heap, residentBytes(), handedBack);
    }

    /**
     * Asks the JVM to have the C library hand its free memory back to the system, as {@code jcmd <pid>
     * System.trim_native_heap} does. Memory the JVM frees with {@code free()} stays resident in the C
     * library's pools until then, so without this the connections would be charged for memory nobody
     * holds. Returns how many bytes it handed back, or -1 where it could not: on a JVM without the command
     * (Java 17.0.15 has it), or where the C library cannot trim (the command then answers "Not available").
     */
    static long trimNativeHeap() {
        try {
            Object answer = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "systemTrimNativeHeap",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            return handedBack(String.valueOf(answer));
        } catch (JMException | JMRuntimeException e) {
            return -1; // no such command, or it failed: resident memory is read as it is
        }
    }

    /** The bytes a trim's answer says it handed back (0 if it grew or the answer has no figures); -1 if it did not trim. */
    static long handedBack(String answer) {
        if (!answer.startsWith("Trim native heap")) {
            return -1;
        }
        Matcher sizes = TRIM_ANSWER.matcher(answer);
        if (!sizes.find()) {
            return 0;
        }
        long before = bytes(sizes.group(1), sizes.group(2));
        long after = bytes(sizes.group(3), sizes.group(4));
        return Math.max(0, before - after);
    }

    private static long bytes(String amount, String unit) {
        int shift = switch (unit) {
            case "K" -> 10;
            case "M" -> 20;
            case "G" -> 30;
            default -> 0;
        };
        return Long.parseLong(amount) << shift;
    }

    static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }

    /** VmRSS from /proc (Linux); -1 elsewhere. */
    static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: leave it out
        }
        return -1;
    }
}
