package org.livevitals.testkit;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;

/**
 * What {@link ChildJvmTest} runs in a child JVM: each mode is one way a server can behave as it
 * starts. Modes that block wait on stdin, so they exit by themselves if the test JVM dies.
 */
final class ChildJvmTestMain {

    public static void main(String[] args) throws Exception {
        long pid = ProcessHandle.current().pid();
        switch (args[0]) {
            case "ready" -> { // ready [warm-up lines]: some log, the ready line, then it serves until killed
                int warmUpLines = args.length > 1 ? Integer.parseInt(args[1]) : 1;
                for (int i = 1; i <= warmUpLines; i++) {
                    System.out.println("warming up " + i);
                }
                System.out.println("READY " + pid);
                waitForStdinToClose();
            }
            case "exit" -> { // exit CODE: a server that gives up before it is ready
                System.out.println("starting");
                System.err.println("no config file, giving up");
                System.exit(Integer.parseInt(args[1]));
            }
            case "silent" -> { // never ready
                System.out.println("warming up forever");
                waitForStdinToClose();
            }
            case "abandon" -> { // starts a grandchild and returns from main without closing it
                ChildJvm grandchild = ChildJvm.start("grandchild", ChildJvmTestMain.class, List.of("deaf"),
                        Pattern.compile("READY"), Duration.ofSeconds(30));
                System.out.println("ABANDONING " + grandchild.pid());
            }
            case "deaf" -> { // ready, and blind to stdin: only a kill ends it
                System.out.println("READY " + pid);
                new CountDownLatch(1).await();
            }
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    private static void waitForStdinToClose() throws Exception {
        while (System.in.read() >= 0) {
            // the test never writes: end of stream means the test JVM is gone
        }
    }
}
