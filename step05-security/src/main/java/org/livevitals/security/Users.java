package org.livevitals.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.livevitals.security.UsersFile.ConfiguredUser;

/**
 * The people who may sign in, each with a role, a nurse's wards and an Argon2 hash of the password: from
 * a users file ({@code --users FILE}), or the four demo users the course runs with.
 *
 * <p>Checking a password is slow on purpose (Argon2, about 60 ms and 16 MB), which makes sign-in the
 * cheapest way to overload the server. So the work is bounded: at most {@link #MAX_CONCURRENT_CHECKS}
 * checks at a time, a short wait for a turn, then {@link SignInBusyException} (429); and a name or
 * password too long to be real is refused before any hashing.
 *
 * <p>The demo users (passwords in the lab, hashes in {@value #DEMO_RESOURCE}): {@code dr.lee} doctor
 * ({@code doctor-demo}), {@code nurse.kim} nurse on the ICU and {@code nurse.ortiz} nurse on cardiology
 * (both {@code nurse-demo}), {@code admin.ray} admin ({@code admin-demo}).
 */
public final class Users {

    /** The demo users, as a class-path resource in the users file format. */
    public static final String DEMO_RESOURCE = "security/demo-users.json";

    public static final int MAX_USERNAME_LENGTH = 64;
    /** Far beyond any passphrase; Argon2 would hash a megabyte just as willingly, so we do not let it. */
    public static final int MAX_PASSWORD_LENGTH = 1024;

    /** Two cores here: four checks keep them busy without taking the heap (16 MB each) or the readings' CPU. */
    public static final int MAX_CONCURRENT_CHECKS = 4;
    /** How long a sign-in waits for a turn: about ten checks' time, enough for a burst of honest sign-ins. */
    public static final Duration BUSY_WAIT = Duration.ofMillis(600);

    /**
     * The hash an unknown user's password is checked against, with the same parameters as real ones. It
     * was made from a random password that was then thrown away, so nothing matches it; the check is
     * there only to take as long as a real one.
     */
    private static final String DUMMY_HASH =
            "$argon2id$v=19$m=16384,t=2,p=1$cYZI9ol1Z2gK5HGhLqXa6Q$JqM+FAhOHRzW8YnNJF+1B50lbEMpxNkO/i6pAAqFrTg";

    /** How a password is checked against a hash; a test puts in one that waits, to see the limit work. */
    @FunctionalInterface
    interface PasswordCheck {
        boolean matches(String password, String hash);
    }

    private final Map<String, ConfiguredUser> users;
    private final boolean demo;
    private final Semaphore checks;
    private final Duration busyWait;
    private final PasswordCheck passwordCheck;

    private Users(Map<String, ConfiguredUser> users, boolean demo, int concurrentChecks, Duration busyWait, PasswordCheck passwordCheck) {
        this.users = Map.copyOf(users);
        this.demo = demo;
        this.checks = new Semaphore(concurrentChecks, true); // fair: first come, first checked
        this.busyWait = busyWait;
        this.passwordCheck = passwordCheck;
    }

    /** The four demo users; their hashes were made once and are read, not computed, at start-up. */
    public static Users demo() {
        String source = "class-path resource " + DEMO_RESOURCE;
        try (InputStream in = Users.class.getClassLoader().getResourceAsStream(DEMO_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(source + " is missing from the jar");
            }
            return of(UsersFile.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), source), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
    }

    /**
     * The users in {@code file} (the {@link UsersFile} format).
     *
     * @throws IllegalArgumentException when the file is missing or an entry is wrong, naming the entry
     */
    public static Users fromFile(Path file) {
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("users file " + file + " does not exist");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read users file " + file, e);
        }
        return of(UsersFile.parse(json, file.toString()), false);
    }

    private static Users of(Map<String, ConfiguredUser> users, boolean demo) {
        return new Users(users, demo, MAX_CONCURRENT_CHECKS, BUSY_WAIT, Passwords::matches);
    }

    /** These users with other limits on checking passwords: for tests. */
    Users withChecks(int concurrentChecks, Duration busyWait, PasswordCheck passwordCheck) {
        return new Users(users, demo, concurrentChecks, busyWait, passwordCheck);
    }

    /**
     * Who {@code username} is, if {@code password} is theirs. A wrong password and an unknown user look
     * the same from outside, in the answer and in the time it takes.
     *
     * @throws SignInBusyException when no password check could start within {@link #BUSY_WAIT}
     */
    public Optional<Access> signIn(String username, String password) throws SignInBusyException {
        if (username == null || password == null
                || username.length() > MAX_USERNAME_LENGTH || password.length() > MAX_PASSWORD_LENGTH) {
            return Optional.empty(); // no such user can exist: not worth a hash
        }
        ConfiguredUser user = users.get(username);
        // An unknown user costs one check too, against a hash no password matches: a quick "no" would
        // tell whoever is guessing which user names exist.
        boolean matches = check(password, user == null ? DUMMY_HASH : user.passwordHash());
        return matches && user != null ? Optional.of(user.access()) : Optional.empty();
    }

    /** Whether these are the built-in demo users, whose passwords are in the lab for anyone to read. */
    public boolean isDemo() {
        return demo;
    }

    /** The user names, sorted: for a start-up line that says who may sign in. */
    public List<String> usernames() {
        return users.keySet().stream().sorted().toList();
    }

    private boolean check(String password, String hash) throws SignInBusyException {
        try {
            if (!checks.tryAcquire(busyWait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new SignInBusyException();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SignInBusyException();
        }
        try {
            return passwordCheck.matches(password, hash);
        } finally {
            checks.release();
        }
    }
}
