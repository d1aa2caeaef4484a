package dev.cloudwarden.bench;

import java.util.Arrays;

/**
 * End-to-end benchmarks, run as {@code java -jar bench/target/cloudwarden-bench.jar <name> [options]}.
 * Each prints the CloudWarden figure next to a baseline measured in the same run, for BENCHMARKS.md.
 */
public final class Bench {
    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: cloudwarden-bench ingest|scan|e2e|intel|process|output|authlog|serve|store|pages|posture [--events N] [--rounds R] [--file PATH] [--iocs N] [--alerts N] [--postgres JDBC_URL]");
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "ingest" -> IngestBench.run(rest);
            case "scan" -> ScanBench.run(rest);
            case "e2e" -> EndToEndBench.run(rest);
            case "intel" -> IntelBench.run(rest);
            case "process" -> ProcessBench.run(rest);
            case "output" -> OutputBench.run(rest);
            case "authlog" -> AuthLogBench.run(rest);
            case "serve" -> ServeBench.run(rest);
            case "store" -> StoreBench.run(rest);
            case "pages" -> PagesBench.run(rest);
            case "posture" -> PostureBench.run(rest);
            case "respond" -> RespondBench.run(rest);
            default -> {
                System.err.println("unknown benchmark '" + args[0] + "'; known: ingest, scan, e2e, intel, process, output, authlog, serve, store, pages, posture");
                System.exit(2);
            }
        }
    }
}
