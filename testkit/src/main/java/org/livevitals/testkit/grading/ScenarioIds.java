package org.livevitals.testkit.grading;

import java.lang.reflect.Method;
import java.util.Optional;
import org.junit.platform.commons.JUnitException;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.livevitals.testkit.Scenario;

/**
 * Finds the scenario ID of a test that the JUnit Platform describes.
 *
 * <p>The platform names a test method by a {@link MethodSource} (class name, method name,
 * parameter types) rather than handing over the {@link Method}, so the method is looked up again
 * through the thread's context class loader, the one that loaded the tests, and its
 * {@link Scenario} annotation read.
 */
final class ScenarioIds {

    private ScenarioIds() {}

    /** The {@code @Scenario} ID of the method behind {@code source}, if it is a method that has one. */
    static Optional<String> of(TestSource source) {
        if (!(source instanceof MethodSource methodSource)) {
            return Optional.empty();
        }
        return methodOf(methodSource)
                .map(method -> method.getAnnotation(Scenario.class))
                .map(Scenario::value);
    }

    private static Optional<Method> methodOf(MethodSource source) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            Class<?> testClass = Class.forName(source.getClassName(), false, loader);
            return ReflectionSupport.findMethod(
                    testClass, source.getMethodName(), source.getMethodParameterTypes());
        } catch (ClassNotFoundException | LinkageError | JUnitException notLoadable) {
            return Optional.empty();
        }
    }
}
