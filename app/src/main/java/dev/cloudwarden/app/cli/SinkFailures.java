package dev.cloudwarden.app.cli;

import dev.cloudwarden.engine.run.SinkFailedException;
import picocli.CommandLine.Model.CommandSpec;


/** What a command says when a run's sink fails: as for any output ({@link Stdout#failed}). */
final class SinkFailures {
    private SinkFailures() {
    }

    /** Reports the failure on stderr (unless the reader of stdout went away) and returns the exit code. */
    static int report(CommandSpec spec, SinkFailedException e) {
        return Stdout.failed(e.getCause(), "cannot write " + e.sink(), spec.commandLine().getErr());
    }
}
