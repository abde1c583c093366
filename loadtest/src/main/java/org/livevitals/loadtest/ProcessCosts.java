package org.livevitals.loadtest;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a server process holds, measured from inside it: heap in use after a full GC (what the
 * connections really hold, not garbage waiting to be collected), and resident memory. Its CPU time
 * is read apart ({@link #processCpuNanos()}), because the full GC here would stall a running test.
 * {@link BenchServer} sends it as JSON from its control port; {@link ServerProcess} reads it back.
 */
record ProcessCosts(int connections, long heapBytes, long rssBytes) {

    static ProcessCosts measure(int connections) {
        System.gc();
        System.gc(); // twice: the first may only queue finalizable objects
        long heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null)
                .mapToLong(pool -> pool.getCollectionUsage().getUsed()).sum();
        return new ProcessCosts(connections, heap, residentBytes());
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
