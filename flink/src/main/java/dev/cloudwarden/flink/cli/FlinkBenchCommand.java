package dev.cloudwarden.flink.cli;

import dev.cloudwarden.app.cli.ScaleOut;
import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.ingest.IngestOptions;
import dev.cloudwarden.engine.ingest.read.Input;
import dev.cloudwarden.engine.run.AlertSink;
import dev.cloudwarden.engine.run.DetectionRun;
import dev.cloudwarden.engine.run.FileSource;
import dev.cloudwarden.engine.run.IncidentSink;
import dev.cloudwarden.engine.run.RunConfig;
import dev.cloudwarden.flink.ingest.TopicBinding;
import dev.cloudwarden.flink.job.CloudWardenJob;
import dev.cloudwarden.flink.job.JobSpec;
import dev.cloudwarden.flink.job.KafkaEvents;
import dev.cloudwarden.flink.kafka.LocalKafka;
import dev.cloudwarden.simulate.Simulation;
import dev.cloudwarden.simulate.write.SimulationWriter;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code flink bench}: events per second of the job per slot, next to the CLI's {@code scan} of the same logs in the same
 * run, with each one's CPU seconds (the scan reads each file on a thread of its own, so it uses more than one core; its
 * one-core figure comes from {@code --scan-only} under {@code taskset -c 0}). A simulated day goes to files (the scan's input) and to a topic on the in-JVM broker, a partition per
 * file (the job's); the job is timed from submission to its end (start-up included), the load into Kafka is not.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measures the job's events/s per slot and per CPU second against the scan of the same simulated logs.")
public final class FlinkBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--events", defaultValue = "500000", paramLabel = "N",
            description = "Background events of the simulated day. Default: ${DEFAULT-VALUE}.")
    long events;

    @Option(names = "--parallelism", split = ",", defaultValue = "1,2", paramLabel = "N,...",
            description = "Job parallelisms to measure. Default: ${DEFAULT-VALUE}.")
    List<Integer> parallelisms;

    @Option(names = "--scan-only", description = "Only the scan (run it under taskset -c 0 for a one-core figure: the "
            + "scan reads each log file on a thread of its own, so unpinned it uses more than one core).")
    boolean scanOnly;

    @Option(names = "--checkpoint-interval", defaultValue = "PT5S", paramLabel = "DURATION",
            description = "Checkpoints while the job runs, as in production. Default: ${DEFAULT-VALUE}.")
    Duration checkpointInterval;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = Files.createTempDirectory("cloudwarden-flink-bench-");
        new Simulation(42, Instant.parse("2026-11-01T00:00:00Z"), Duration.ofHours(24))
                .write(dir, Simulation.allScenarios(), events);
        Path logs = dir.resolve(SimulationWriter.LOGS);
        List<Path> files;
        try (Stream<Path> s = Files.walk(logs)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        JobSpec spec = JobSpec.defaults();
        RunConfig config = spec.runConfig();

        long[] alerts = new long[1];
        long t0 = System.nanoTime();
        double cpu0 = processCpuSeconds();
        long scanned;
        try (DetectionRun run = new DetectionRun(config, a -> alerts[0]++, IncidentSink.closedOnly(u -> {
        }))) {
            scanned = FileSource.read(run, Input.expand(List.of(logs.toString()), () -> System.in, Instant.now()),
                    IngestOptions.defaults(), r -> {
                    }).events();
            run.finish();
        }
        double scanSeconds = (System.nanoTime() - t0) / 1e9;
        double scanCpu = processCpuSeconds() - cpu0;
        out.printf(Locale.ROOT, "scan: %,d events in %.1f s = %,.0f events/s (%,d alerts); %.1f CPU s (%.2f cores) = "
                + "%,.0f events per CPU second%n", scanned, scanSeconds, scanned / scanSeconds, alerts[0], scanCpu,
                scanCpu / scanSeconds, scanned / scanCpu);
        out.flush();
        if (scanOnly) {
            return 0;
        }

        try (LocalKafka kafka = LocalKafka.start()) {
            kafka.createTopic("bench", files.size());
            long lines = FlinkScaleOut.produce(kafka.bootstrapServers(), "bench", files);
            for (int p : parallelisms) {
                Path checkpoints = Files.createTempDirectory(dir, "checkpoints-");
                Configuration conf = CloudWardenJob.configure(new Configuration(), checkpointInterval, checkpoints.toUri());
                StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
                env.setParallelism(p);
                CloudWardenJob.define(env, spec, new KafkaEvents(kafka.bootstrapServers(),
                        List.of(new TopicBinding("bench", null)), "bench-" + p, true, null), null, null, false)
                        .alerts().sinkTo(new DiscardingSink<Alert>()).uid("discard");
                long start = System.nanoTime();
                double jobCpu0 = processCpuSeconds();
                env.execute("bench p=" + p);
                double seconds = (System.nanoTime() - start) / 1e9;
                double jobCpu = processCpuSeconds() - jobCpu0;
                out.printf(Locale.ROOT, "job, parallelism %d: %,d records in %.1f s = %,.0f events/s, %,.0f per slot "
                        + "(%.0f%% of the scan); %.1f CPU s (%.2f cores, broker included) = %,.0f events per CPU second "
                        + "(%.0f%% of the scan's)%n", p, lines, seconds, lines / seconds, lines / seconds / p,
                        100 * lines / seconds / p / (scanned / scanSeconds), jobCpu, jobCpu / seconds, lines / jobCpu,
                        100 * (lines / jobCpu) / (scanned / scanCpu));
                out.flush();
            }
        }
        return 0;
    }

    /** CPU time of every thread of this process (the scan's readers, the job's tasks, the broker, the collector). */
    private static double processCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }
}
