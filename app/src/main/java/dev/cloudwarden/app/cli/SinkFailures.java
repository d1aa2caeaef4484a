package dev.cloudwarden.app.cli;

import dev.cloudwarden.app.output.TerminalText;
import dev.cloudwarden.engine.run.SinkFailedException;
import picocli.CommandLine.Model.CommandSpec;

import java.util.Locale;

/** What a command says when a run's sink fails: a closed pipe ends quietly, anything else is an error. */
final class SinkFailures {
    private SinkFailures() {
    }

    /** Reports the failure on stderr (unless the reader of stdout went away) and returns the exit code. */
    static int report(CommandSpec spec, SinkFailedException e) {
        if (isClosedPipe(e.getCause())) {
            return CloudWardenCli.EXIT_OK; // `| head`: the reader has all it wanted
        }
        spec.commandLine().getErr().println("error: cannot write " + e.sink() + ": "
                + TerminalText.safe(String.valueOf(e.getCause().getMessage())) + "; the run stopped");
        spec.commandLine().getErr().flush();
        return CloudWardenCli.EXIT_USAGE;
    }

    static boolean isClosedPipe(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            String m = c.getMessage() == null ? "" : c.getMessage().toLowerCase(Locale.ROOT);
            if (m.contains("broken pipe") || m.contains("stream closed") || m.contains("pipe closed")) {
                return true;
            }
        }
        return false;
    }
}
