package org.livevitals.scaling;

import org.livevitals.cli.Launcher;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The command-line options that make a server one node of a cluster. */
public final class ScalingOptions {

    @Option(names = "--redis", paramLabel = "URL",
            description = "The backplane's Redis, e.g. redis://localhost:6379 (default: none: one node, in memory).")
    String redis;

    @Option(names = "--node-id", paramLabel = "NAME", defaultValue = "n1",
            description = "This node's name in logs, /health and the admin's nodes panel (default: ${DEFAULT-VALUE}).")
    String nodeId;

    public ScalingSettings settings(CommandSpec spec) {
        if (!ScalingSettings.NODE_ID.matcher(nodeId).matches()) {
            throw Launcher.invalidValue(spec, "--node-id", "1 to 32 letters, digits, '-' or '_'");
        }
        if (redis != null && !redis.matches("rediss?://.+")) {
            throw Launcher.invalidValue(spec, "--redis", "a redis:// URL, e.g. redis://localhost:6379");
        }
        return new ScalingSettings(nodeId, redis);
    }
}
