package dev.cloudwarden.bench;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The baselines of the output bench, each run as a process of its own so that, like {@code cloudwarden events},
 * it pays for JVM start-up, class loading and a cold JIT: {@code tokenize FILE} (Jackson's tokens),
 * {@code parse FILE} (what {@code events} reads, output discarded) and {@code start} (no work at all).
 * Prints how many tokens or events it saw.
 */
final class ProcessTask {
    private ProcessTask() {
    }

    public static void main(String[] args) throws IOException {
        long n = switch (args[0]) {
            case "tokenize" -> IngestBench.tokenize(Path.of(args[1]));
            case "parse" -> IngestBench.ingest(Path.of(args[1]));
            case "start" -> 0;
            default -> throw new IllegalArgumentException("unknown task " + args[0]);
        };
        System.out.println(n);
    }
}
