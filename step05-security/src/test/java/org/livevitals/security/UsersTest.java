package org.livevitals.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersTest {

    /** A hash made once for these tests ({@code Passwords.hash("nurse-demo")}), so that no test pays for hashing. */
    private static final String NURSE_DEMO_HASH =
            "$argon2id$v=19$m=16384,t=2,p=1$xuKXNKwR8TwdDUa/bKODtg$wpZ8q6170fi7tyLAySrFezLpX/USLN/BOV03Pv3L8hY";
    /** Long enough for a blocked check to be let go after the test has seen the limit; never reached when all is well. */
    private static final long GENEROUS_SECONDS = 30;

    @TempDir
    Path dir;

    // The demo users ------------------------------------------------------------------------------

    @Test
    void eachDemoUserSignsInWithTheirPasswordAsTheirRole() throws SignInBusyException {
        Users users = Users.demo();

        assertThat(users.isDemo()).isTrue();
        assertThat(users.usernames()).containsExactly("admin.ray", "dr.lee", "nurse.kim", "nurse.ortiz");
        assertThat(users.signIn("dr.lee", "doctor-demo")).contains(new Access("dr.lee", Role.DOCTOR, Set.of()));
        assertThat(users.signIn("nurse.kim", "nurse-demo")).contains(new Access("nurse.kim", Role.NURSE, Set.of(Wards.ICU)));
        assertThat(users.signIn("nurse.ortiz", "nurse-demo")).contains(new Access("nurse.ortiz", Role.NURSE, Set.of(Wards.CARDIOLOGY)));
        assertThat(users.signIn("admin.ray", "admin-demo")).contains(new Access("admin.ray", Role.ADMIN, Set.of()));
    }

    @Test
    void aWrongPasswordOrAnUnknownUserSignsNobodyIn() throws SignInBusyException {
        Users users = Users.demo();

        assertThat(users.signIn("dr.lee", "nurse-demo")).isEmpty();
        assertThat(users.signIn("dr.lee", "")).isEmpty();
        assertThat(users.signIn("Dr.Lee", "doctor-demo")).as("user names are exact").isEmpty();
        assertThat(users.signIn("dr.nobody", "doctor-demo")).isEmpty();
        assertThat(users.signIn(null, null)).isEmpty();
    }

    @Test
    void anUnknownUserCostsOnePasswordCheckAsAKnownOneDoes() throws SignInBusyException {
        List<String> checkedHashes = new CopyOnWriteArrayList<>();
        Users users = Users.demo().withChecks(Users.MAX_CONCURRENT_CHECKS, Users.BUSY_WAIT, (password, hash) -> {
            checkedHashes.add(hash);
            return Passwords.matches(password, hash);
        });

        assertThat(users.signIn("dr.nobody", "doctor-demo")).isEmpty();

        assertThat(checkedHashes).hasSize(1);
        assertThat(Passwords.isArgon2Hash(checkedHashes.get(0))).as("checked against a real Argon2 hash").isTrue();
        String parameters = "$argon2id$v=19$m=16384,t=2,p=1$";
        assertThat(NURSE_DEMO_HASH).startsWith(parameters);
        assertThat(checkedHashes.get(0)).as("with the same parameters as a real user's").startsWith(parameters);
    }

    @Test
    void aNameOrPasswordTooLongToBeRealIsRefusedWithoutHashing() throws SignInBusyException {
        List<String> checked = new CopyOnWriteArrayList<>();
        Users users = Users.demo().withChecks(Users.MAX_CONCURRENT_CHECKS, Users.BUSY_WAIT, (password, hash) -> checked.add(hash));

        assertThat(users.signIn("d".repeat(Users.MAX_USERNAME_LENGTH + 1), "doctor-demo")).isEmpty();
        assertThat(users.signIn("dr.lee", "p".repeat(Users.MAX_PASSWORD_LENGTH + 1))).isEmpty();
        assertThat(checked).isEmpty();

        users.signIn("dr.lee", "p".repeat(Users.MAX_PASSWORD_LENGTH));
        assertThat(checked).as("the longest allowed password is checked").hasSize(1);
    }

    @Test
    void whenEveryCheckIsTakenASignInIsTurnedAwayAndTheNextOneAfterGetsIn() throws Exception {
        CountDownLatch checking = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        Users users = Users.demo().withChecks(1, Duration.ZERO, (password, hash) -> {
            checking.countDown();
            await(finish);
            return Passwords.matches(password, hash);
        });
        CompletableFuture<Optional<Access>> first = CompletableFuture.supplyAsync(() -> signInQuietly(users, "dr.lee", "doctor-demo"));
        try {
            assertThat(checking.await(GENEROUS_SECONDS, TimeUnit.SECONDS)).isTrue();

            assertThatThrownBy(() -> users.signIn("nurse.kim", "nurse-demo")).isInstanceOf(SignInBusyException.class)
                    .hasMessageContaining("try again");
        } finally {
            finish.countDown();
        }
        assertThat(first.get(GENEROUS_SECONDS, TimeUnit.SECONDS)).isPresent();
        assertThat(users.signIn("nurse.kim", "nurse-demo")).as("the check's turn was given back").isPresent();
    }

    // A users file --------------------------------------------------------------------------------

    @Test
    void aUsersFileSignsInItsUsers() throws Exception {
        Path file = write("[{\"username\":\"nurse.lin\",\"role\":\"nurse\",\"wards\":[\"icu\",\"cardiology\"],\"passwordHash\":\""
                + NURSE_DEMO_HASH + "\"}, {\"username\":\"Dr_Q-1\",\"role\":\"doctor\",\"passwordHash\":\"" + NURSE_DEMO_HASH + "\"}]");
        Users users = Users.fromFile(file);

        assertThat(users.isDemo()).isFalse();
        assertThat(users.signIn("nurse.lin", "nurse-demo")).contains(new Access("nurse.lin", Role.NURSE, Set.of("icu", "cardiology")));
        assertThat(users.signIn("Dr_Q-1", "nurse-demo")).contains(new Access("Dr_Q-1", Role.DOCTOR, Set.of()));
        assertThat(users.signIn("nurse.lin", "doctor-demo")).isEmpty();
    }

    @Test
    void eachWrongEntryIsNamedWithWhatIsWrong() throws Exception {
        assertRefused(entry("dr.who", "surgeon", null), "entry 2 (dr.who): unknown role \"surgeon\": use doctor, nurse or admin");
        assertRefused(entry("dr.who", null, null), "entry 2 (dr.who): no role");
        assertRefused(entry("dr who", "doctor", null), "entry 2: username \"dr who\" is not 1 to 64 letters");
        assertRefused(entry("d".repeat(Users.MAX_USERNAME_LENGTH + 1), "doctor", null), "entry 2: username");
        assertRefused(entry(null, "doctor", null), "entry 2: username missing");
        assertRefused(entry("nurse.lin", "nurse", null), "entry 2 (nurse.lin): a nurse needs at least one ward");
        assertRefused(entry("nurse.lin", "nurse", "[]"), "entry 2 (nurse.lin): a nurse needs at least one ward");
        assertRefused(entry("nurse.lin", "nurse", "[\"\"]"), "entry 2 (nurse.lin): an empty ward name");
        assertRefused(entry("dr.who", "doctor", "[\"icu\"]"), "entry 2 (dr.who): only a nurse has wards");
        assertRefused(entry("dr.lee", "doctor", null), "entry 2 (dr.lee): the same username as entry 1");
    }

    @Test
    void aPasswordHashThatIsNoArgon2HashIsRefusedWithoutBeingRepeated() throws Exception {
        String plain = "[{\"username\":\"dr.lee\",\"role\":\"doctor\",\"passwordHash\":\"doctor-demo\"}]";
        String bcrypt = "[{\"username\":\"dr.lee\",\"role\":\"doctor\",\"passwordHash\":\"$2a$10$abcdefghijklmnopqrstuv\"}]";
        String missing = "[{\"username\":\"dr.lee\",\"role\":\"doctor\"}]";

        assertRefused(plain, "entry 1 (dr.lee): passwordHash is not an Argon2 hash (make one with the hash-password command)");
        assertThatThrownBy(() -> Users.fromFile(write(plain))).message().doesNotContain("doctor-demo");
        assertThatThrownBy(() -> Users.fromFile(write(bcrypt))).message().doesNotContain("$2a$");
        assertRefused(missing, "entry 1 (dr.lee): passwordHash is missing");
    }

    @Test
    void aFileThatIsNoListOfUsersIsRefusedWithWhereAndWhat() throws Exception {
        assertRefused("{\"username\":\"dr.lee\"}", "is not a JSON list of {\"username\", \"role\", \"wards\", \"passwordHash\"}");
        assertRefused("[{\"username\":\"dr.lee\",\n \"role\":", "(entry 1, line 2");
        assertRefused("[]", "lists no users");
        assertRefused("[null]", "entry 1: not a user");
        assertRefused("[{\"username\":\"dr.lee\",\"role\":\"doctor\",\"password\":\"doctor-demo\"}]", "unknown field \"password\" (entry 1");
        assertRefused("[{\"username\":\"dr.lee\",\"role\":\"doctor\",\"role\":\"admin\"}]", "is not a JSON list");
        assertThatThrownBy(() -> Users.fromFile(dir.resolve("no-such-users.json")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no-such-users.json does not exist");
    }

    // ---------------------------------------------------------------------------------------------

    /** A users file of dr.lee (entry 1) and one more entry (entry 2) made of these parts; null leaves a part out. */
    private static String entry(String username, String role, String wardsJson) {
        StringBuilder second = new StringBuilder("{");
        if (username != null) {
            second.append("\"username\":\"").append(username).append("\",");
        }
        if (role != null) {
            second.append("\"role\":\"").append(role).append("\",");
        }
        if (wardsJson != null) {
            second.append("\"wards\":").append(wardsJson).append(",");
        }
        second.append("\"passwordHash\":\"").append(NURSE_DEMO_HASH).append("\"}");
        return "[{\"username\":\"dr.lee\",\"role\":\"doctor\",\"passwordHash\":\"" + NURSE_DEMO_HASH + "\"}, " + second + "]";
    }

    private void assertRefused(String json, String why) throws Exception {
        Path file = write(json);
        assertThatThrownBy(() -> Users.fromFile(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("users file " + file)
                .hasMessageContaining(why)
                .message().doesNotContain(NURSE_DEMO_HASH.substring(NURSE_DEMO_HASH.lastIndexOf('$')));
    }

    private Path write(String json) throws Exception {
        Path file = Files.createTempFile(dir, "users", ".json");
        Files.writeString(file, json);
        return file;
    }

    private static Optional<Access> signInQuietly(Users users, String username, String password) {
        try {
            return users.signIn(username, password);
        } catch (SignInBusyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(GENEROUS_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
