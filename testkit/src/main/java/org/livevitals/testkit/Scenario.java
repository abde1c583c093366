package org.livevitals.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Ties a test to one row of a lab's Testing scenarios table.
 *
 * <p>The scorecard grades by these IDs, and the doc-sync check uses them to prove that every row
 * of a table has exactly one test and that no test names a row that does not exist. Put it next
 * to {@code @Test} or {@code @ParameterizedTest}; the display name then starts with the ID, so a
 * failure in any report says which scenario broke:
 *
 * <pre>{@code
 * @Test
 * @Scenario("L1-02")
 * void garbageLineGetsErrAndConnectionStaysUsable() { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Scenario {

    /** The row's ID, {@code L<lab>-<two digits>}, e.g. {@code L3-02}. */
    String value();
}
