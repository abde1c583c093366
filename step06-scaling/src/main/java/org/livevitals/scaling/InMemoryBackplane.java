package org.livevitals.scaling;

import java.time.Clock;
import java.util.function.Function;
import org.livevitals.scaling.ops.InMemoryNodeDirectory;
import org.livevitals.scaling.ops.NodeDirectory;
import org.livevitals.rawsockets.VitalSigns;
import org.livevitals.reconnect.InMemoryHistory;
import org.livevitals.reconnect.ResumableStream;
import org.livevitals.reconnect.ResumeSettings;
import org.livevitals.reconnect.StreamHistory;
import org.livevitals.reconnect.StreamPublisher;
import org.livevitals.security.Access;
import org.livevitals.security.SecureServer;

/**
 * The backplane of a cluster of one: the node numbers and delivers its own messages, exactly as Lab 5
 * does, with nothing to install and nothing to lose but the node itself. It is the default.
 */
public final class InMemoryBackplane implements Backplane {

    @Override
    public String kind() {
        return "memory";
    }

    @Override
    public boolean connected() {
        return true;
    }

    @Override
    public String problem() {
        return "";
    }

    @Override
    public StreamHistory history(ResumeSettings resume) {
        return new InMemoryHistory(resume.historySize());
    }

    @Override
    public StreamPublisher publisher(ResumableStream stream, Function<VitalSigns, String> readingJson) {
        return stream;
    }

    @Override
    public NodeDirectory nodeDirectory(Clock clock) {
        return new InMemoryNodeDirectory();
    }

    @Override
    public void attach(SecureServer server) {
    }

    @Override
    public void admitted(Access access) {
    }

    @Override
    public void left(Access access) {
    }

    @Override
    public void close() {
    }
}
