package dev.cloudwarden.bench;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The options every bench takes: {@code --events N} (size of the generated file), {@code --rounds R}
 * (measured rounds after one warm-up round) and {@code --file PATH} (use this file instead).
 */
record BenchArgs(long events, int rounds, Path file) {
    static BenchArgs parse(String[] args, int defaultRounds) throws IOException {
        long events = 1_000_000;
        int rounds = defaultRounds;
        Path file = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--events" -> events = Long.parseLong(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--file" -> file = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        return new BenchArgs(events, rounds, IngestBench.dataFile(file, events));
    }
}
