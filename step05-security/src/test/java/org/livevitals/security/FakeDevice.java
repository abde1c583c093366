package org.livevitals.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.livevitals.rawsockets.VitalsLineCodec;

/**
 * A bedside device on a plain socket, under the test's control: it sends one reading for its patient
 * (so the gateway routes that patient's commands to it), then reads and writes lines as the test says,
 * or stays silent: a device that never answers.
 */
final class FakeDevice implements AutoCloseable {

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    FakeDevice(int port, String patient) throws IOException {
        socket = new Socket("localhost", port);
        socket.setSoTimeout((int) SecureFixture.PATIENCE.toMillis());
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
        send(new VitalsLineCodec().encode(AlertsTest.normal(patient)));
        assertThat(nextLine()).as("the server's answer to the first reading").isEqualTo("OK " + patient);
    }

    void send(String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The next line from the server; fails the test after {@link SecureFixture#PATIENCE}. */
    String nextLine() throws IOException {
        return in.readLine();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
