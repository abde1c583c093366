package org.livevitals.testkit;

import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGenerator;

/**
 * Names every test after what it checks, and puts the scenario ID first.
 *
 * <p>{@code garbageLineGetsErrAndConnectionStaysUsable} tagged {@code @Scenario("L1-02")} is
 * shown as {@code L1-02 garbage line gets err and connection stays usable}. Surefire registers
 * this generator for every module (see the parent pom), so IDs appear in the console, in
 * Surefire's reports and in the scorecard without anyone typing them twice.
 */
public final class ScenarioDisplayNames extends DisplayNameGenerator.Standard {

    @Override
    public String generateDisplayNameForMethod(
            List<Class<?>> enclosingInstanceTypes, Class<?> testClass, Method testMethod) {
        String sentence = sentenceOf(testMethod.getName());
        Scenario scenario = testMethod.getAnnotation(Scenario.class);
        return scenario == null ? sentence : scenario.value() + " " + sentence;
    }

    /** {@code slowClientIsEvicted} becomes {@code slow client is evicted}. */
    static String sentenceOf(String methodName) {
        StringBuilder sentence = new StringBuilder(methodName.length() + 8);
        for (int i = 0; i < methodName.length(); i++) {
            char c = methodName.charAt(i);
            if (c == '_') {
                sentence.append(' ');
            } else if (Character.isUpperCase(c) && i > 0) {
                sentence.append(' ').append(Character.toLowerCase(c));
            } else if (Character.isDigit(c) && i > 0 && !Character.isDigit(methodName.charAt(i - 1))) {
                sentence.append(' ').append(c);
            } else {
                sentence.append(c);
            }
        }
        return sentence.toString().replaceAll(" +", " ").trim();
    }
}
