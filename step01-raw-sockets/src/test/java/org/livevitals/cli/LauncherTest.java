package org.livevitals.cli;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.livevitals.rawsockets.PortInUseException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** What {@link Launcher} does for any program, shown on a small one of its own. */
class LauncherTest {

    /** A program whose work fails in a way chosen by {@code --fail}, the taken port being that of {@code --port}. */
    @Command(name = "tool")
    static final class Tool implements Callable<Integer> {

        @Option(names = "--port")
        int port = 7000;

        @Option(names = "--fail")
        String fail = "port";

        @Override
        public Integer call() throws Exception {
            switch (fail) {
                case "port" -> throw new PortInUseException(port, null);
                case "other-port" -> throw new PortInUseException(port + 1, null);
                default -> throw new IllegalStateException("the disk is full");
            }
        }
    }

    private static final CommandLines TOOL = new CommandLines(Tool::new);

    @Test
    void aFailureIsOneLineNamedAfterTheCommand() {
        TOOL.assertFailsWithOneLine("tool: the disk is full", "--fail", "disk");
    }

    @Test
    void aTakenPortIsNamedWithTheOptionThatSetIt() {
        TOOL.assertFailsWithOneLine("tool: port 7000 is already in use (another server running?): choose another with --port",
                "--fail", "port");
    }

    @Test
    void aTakenPortThatNoOptionSetIsNamedAlone() {
        TOOL.assertFailsWithOneLine("tool: port 7001 is already in use (another server running?)", "--fail", "other-port");
    }

    @Test
    void aCheckOfAnOptionTheCommandDoesNotHaveIsABugSaidAtOnce() {
        assertThatThrownBy(() -> Launcher.invalidValue(Launcher.commandLine(new Tool()).getCommandSpec(), "--prot", "why"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("tool has no option --prot");
    }
}
