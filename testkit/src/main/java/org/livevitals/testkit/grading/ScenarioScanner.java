package org.livevitals.testkit.grading;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.livevitals.testkit.Scenario;

/**
 * Finds every test method in a module's compiled tests that carries {@link Scenario}.
 *
 * <p>{@link DocSync} compares what it finds with the lab's table. The compiled classes are read,
 * not the test results, so a test that was filtered out, skipped or never reached still counts as
 * claiming its ID.
 */
public final class ScenarioScanner {

    /** A test method and the scenario it claims, e.g. {@code L1-02} and {@code LineProtocolTest#garbageLine}. */
    public record ScenarioTest(String id, String test) {}

    private ScenarioScanner() {}

    /**
     * Loads each class under {@code testClasses} through {@code loader} (which must see the tests'
     * dependencies) without initializing it. A class that cannot be loaded is reported on stderr
     * and skipped.
     */
    public static List<ScenarioTest> scan(Path testClasses, ClassLoader loader) throws IOException {
        List<ScenarioTest> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(testClasses)) {
            for (Path file : files.filter(ScenarioScanner::isClassFile).sorted().toList()) {
                String className = classNameOf(testClasses.relativize(file));
                try {
                    Class<?> testClass = Class.forName(className, false, loader);
                    for (Method method : testClass.getDeclaredMethods()) {
                        Scenario scenario = method.getAnnotation(Scenario.class);
                        if (scenario != null && !method.isBridge()) {
                            found.add(new ScenarioTest(scenario.value(), nameOf(testClass, method)));
                        }
                    }
                } catch (ClassNotFoundException | LinkageError e) {
                    System.err.println("[scorecard] WARNING: skipped " + className
                            + " while looking for @Scenario tests, it could not be loaded: " + e);
                }
            }
        }
        found.sort(Comparator.comparing(ScenarioTest::id).thenComparing(ScenarioTest::test));
        return found;
    }

    private static boolean isClassFile(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".class") && !name.equals("module-info.class")
                && !name.equals("package-info.class");
    }

    /** {@code org/livevitals/step01/LineProtocolTest.class} → {@code org.livevitals.step01.LineProtocolTest}. */
    private static String classNameOf(Path relativeClassFile) {
        String path = relativeClassFile.toString().replace('\\', '/');
        return path.substring(0, path.length() - ".class".length()).replace('/', '.');
    }

    /** {@code LineProtocolTest#garbageLine}, or {@code ServerTest.WhenFull#rejects} for a nested class. */
    private static String nameOf(Class<?> testClass, Method method) {
        String packagePrefix = testClass.getPackageName().isEmpty() ? "" : testClass.getPackageName() + ".";
        return testClass.getName().substring(packagePrefix.length()).replace('$', '.')
                + "#" + method.getName();
    }
}
