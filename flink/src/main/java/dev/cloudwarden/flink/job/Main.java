package dev.cloudwarden.flink.job;

import dev.cloudwarden.flink.cli.FlinkCommand;
import picocli.CommandLine;

/**
 * The job jar's entry point on a cluster: {@code flink run -c dev.cloudwarden.flink.job.Main cloudwarden-flink.jar
 * --bootstrap-servers ... --topics ...} takes the options of {@code cloudwarden flink run}; the execution environment
 * is then the cluster's.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new FlinkCommand.Run()).execute(args));
    }
}
