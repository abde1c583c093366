package org.livevitals.loadtest;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * @param rssTrimmed whether the free memory was handed back before {@code rssBytes} was read; where
 *                   the JVM or the C library cannot do it, the report says the figure is untrimmed
 */
record ProcessCosts(int connections, long heapBytes, long rssBytes, boolean rssTrimmed) {

    static ProcessCosts measure(int connections) {
        System.gc();
        System.gc(); // twice: the first may only queue finalizable objects
        long heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null)
                .mapToLong(pool -> pool.getCollectionUsage().getUsed()).sum();
        boolean trimmed = trimNativeHeap();
        return new ProcessCosts(connections, heap, residentBytes(), trimmed);
    }

    /**
     * Asks the JVM to have the C library hand its free memory back to the system, as {@code jcmd <pid>
     * System.trim_native_heap} does. Memory the JVM frees with {@code free()} stays resident in the C
     * library's pools until then, so without this the connections would be charged for memory nobody
     * holds. Returns whether it was done: not on a JVM without the command (Java 17.0.15 has it), nor
     * where the C library cannot trim (the command then answers "Not available").
     */
    static boolean trimNativeHeap() {
        try {
            Object answer = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "systemTrimNativeHeap",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            return String.valueOf(answer).startsWith("Trim native heap"); // "Trim native heap: RSS+Swap: a->b (-c)"
        } catch (JMException | JMRuntimeException e) {
            return false; // no such command, or it failed: resident memory is read as it is
        }
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
