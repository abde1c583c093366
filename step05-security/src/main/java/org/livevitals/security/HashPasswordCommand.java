package org.livevitals.security;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Prints the Argon2 hash of a password, for the {@code passwordHash} of an entry in a users file. The
 * password is read, never taken as an argument: an argument stays in the shell's history and shows in
 * {@code ps} to every user of the machine.
 *
 * <pre>
 * java -jar step05-security/target/step05-security.jar hash-password
 * Password:
 * Again:
 * $argon2id$v=19$m=16384,t=2,p=1$...
 *
 * echo "$NURSE_PASSWORD" | java -jar step05-security/target/step05-security.jar hash-password
 * </pre>
 */
@Command(name = "hash-password", mixinStandardHelpOptions = true, version = "Live Vitals, Lab 5",
        description = "Read a password (typed without echo, or one line of standard input) and print its Argon2 hash for a users file.")
public final class HashPasswordCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private final Supplier<Console> console;
    private final InputStream in;

    public HashPasswordCommand() {
        this(System::console, System.in);
    }

    /** With the terminal and standard input given: a test passes no console and a stream of its own. */
    HashPasswordCommand(Supplier<Console> console, InputStream in) {
        this.console = console;
        this.in = in;
    }

    @Override
    public Integer call() throws IOException {
        Console terminal = console.get();
        char[] password = terminal != null ? typed(terminal) : firstLine();
        if (password == null) {
            return 1;
        }
        try {
            if (password.length == 0) {
                return fail("no password given");
            }
            if (password.length > Users.MAX_PASSWORD_LENGTH) {
                return fail("a password is at most " + Users.MAX_PASSWORD_LENGTH + " characters; sign-in refuses longer ones");
            }
            spec.commandLine().getOut().println(Passwords.hash(password));
            spec.commandLine().getOut().flush();
            return 0;
        } finally {
            Arrays.fill(password, '\0'); // the hash is made: the password need not linger in memory
        }
    }

    /** Typed twice without echo, as {@code passwd} does: a typo nobody saw would lock the user out. */
    private char[] typed(Console terminal) {
        char[] first = terminal.readPassword("Password: ");
        char[] again = first == null ? null : terminal.readPassword("Again: ");
        if (first == null || again == null) {
            fail("no password given");
            return null;
        }
        boolean same = Arrays.equals(first, again);
        Arrays.fill(again, '\0');
        if (!same) {
            Arrays.fill(first, '\0');
            fail("the two passwords differ");
            return null;
        }
        return first;
    }

    /** One line of standard input, for a script: {@code echo "$PASSWORD" | ... hash-password}. */
    private char[] firstLine() throws IOException {
        String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
        return line == null ? new char[0] : line.toCharArray();
    }

    private int fail(String why) {
        spec.commandLine().getErr().println(spec.name() + ": " + why);
        spec.commandLine().getErr().flush();
        return 1;
    }
}
