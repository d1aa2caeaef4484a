package dev.cloudwarden.app.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** Runs the CLI in-process with captured stdout (bytes and text, as the process writes them) and stderr. */
record CliRun(int exitCode, String out, String err) {
    static CliRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CliRun run = writingTo(out, args);
        return new CliRun(run.exitCode(), out.toString(StandardCharsets.UTF_8), run.err());
    }

    /** A run whose stdout is {@code stdout} (not captured: {@link #out()} is empty). */
    static CliRun writingTo(OutputStream stdout, String... args) {
        StringWriter err = new StringWriter();
        var cli = CloudWardenCli.commandLine(stdout, StandardCharsets.UTF_8);
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        cli.getOut().flush();
        return new CliRun(code, "", err.toString());
    }
}
