package dev.cloudwarden.app.cli;

import dev.cloudwarden.simulate.sample.SampleLogs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;

/**
 * {@code cloudwarden demo}: writes a small sample of every supported log type, each in its native format,
 * into a fresh folder and reads it all back with {@code events}. (Detection and incidents join the demo
 * as they land.)
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Generates a sample of every supported log type into a temporary folder and reads it with 'events'.")
public final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "Folder for the sample logs (default: a new temporary folder).")
    Path out;

    @Option(names = "--seed", defaultValue = "42", description = "Seed for the generated records. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT", description = "table, json or ocsf. Default: ${DEFAULT-VALUE}.")
    String format;

    @Override
    public Integer call() throws IOException {
        Path dir = out != null ? out : Files.createTempDirectory("cloudwarden-demo-");
        // An hour ago, whole seconds: recent enough that year-less syslog times land in the right year.
        Instant start = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        var files = new SampleLogs(start, seed).writeAll(dir);
        PrintWriter err = spec.commandLine().getErr();
        err.printf("Wrote %d sample logs (one per log type) under %s%n%n", files.size(), dir);
        err.flush();
        return spec.root().commandLine().execute("events", dir.toString(), "--format", format,
                "--quarantine", dir.resolve("quarantine.ndjson").toString());
    }
}
