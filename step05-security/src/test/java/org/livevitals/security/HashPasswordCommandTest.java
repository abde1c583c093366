package org.livevitals.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.livevitals.cli.Launcher;
import picocli.CommandLine;

class HashPasswordCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void aPasswordOnStandardInputComesOutAsAnArgon2HashOfIt() {
        int exit = run("correct horse battery staple\n");

        assertThat(exit).isZero();
        String hash = out.toString().strip();
        assertThat(Passwords.isArgon2Hash(hash)).as(hash).isTrue();
        assertThat(Passwords.matches("correct horse battery staple", hash)).isTrue();
        assertThat(out.toString()).doesNotContain("horse");
    }

    @Test
    void noPasswordOrOneTooLongIsRefused() {
        assertThat(run("")).isEqualTo(1);
        assertThat(err.toString()).contains("hash-password: no password given");

        assertThat(run("x".repeat(Users.MAX_PASSWORD_LENGTH + 1) + "\n")).isEqualTo(1);
        assertThat(err.toString()).contains("at most " + Users.MAX_PASSWORD_LENGTH);
        assertThat(out.toString()).isEmpty();
    }

    private int run(String stdin) {
        HashPasswordCommand command = new HashPasswordCommand(() -> null,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        CommandLine line = Launcher.commandLine(command);
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        return line.execute();
    }
}
