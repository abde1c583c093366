package org.livevitals.testkit.starter;

import java.util.List;

/**
 * One fenced stretch of solution code that students write themselves.
 *
 * <p>In the solution it reads as two short comments around the code a lab quotes:
 *
 * <pre>{@code
 * // Exercise 1 starts here (scenarios L1-03 L1-04 L1-05)
 * ...the solution...
 * // Exercise 1 ends here
 * }</pre>
 *
 * <p>The fence must hold a whole method body, so that the starter's stub (a single
 * {@code throw}) compiles where the code was. The lab is the module's own
 * ({@code step01-raw-sockets} is Lab 1), and the section is the lab's
 * {@code ### Exercise N: ...} heading.
 *
 * @param exercise    the exercise number within the lab
 * @param scenarioIds the scenarios that must fail while the stub is in place
 * @param firstLine   index of the opening marker line (0-based)
 * @param lastLine    index of the closing marker line (0-based)
 * @param indent      the opening marker's indentation, reused for the stub
 */
public record ExerciseRegion(int exercise, List<String> scenarioIds, int firstLine, int lastLine, String indent) {}
