package dev.cloudwarden.flink.cli;

import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.flink.ingest.TopicBinding;
import dev.cloudwarden.flink.job.CloudWardenJob;
import dev.cloudwarden.flink.job.JobSpec;
import dev.cloudwarden.flink.job.KafkaEvents;
import dev.cloudwarden.flink.kafka.LocalKafka;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.checkpoint.CompletedCheckpointStats;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * {@code flink bench-state}: checkpoint size and duration with many live keys. Failed console sign-ins from as many
 * users and addresses, within ten minutes of event time (so with the default hour of lateness every one is still
 * held: correlation groups, grouping keys, pending incident alerts), read by the job on a local MiniCluster with the
 * heap state backend; once three checkpoints in a row agree on the size, their size and durations are reported.
 */
@Command(name = "bench-state", mixinStandardHelpOptions = true,
        description = "Measures checkpoint size and duration of the job holding N keys.")
public final class FlinkStateBenchCommand implements Callable<Integer> {
    private static final Instant START = Instant.parse("2026-11-01T10:00:00Z");

    @Spec
    CommandSpec spec;

    @Option(names = "--keys", defaultValue = "100000", paramLabel = "N", description = "Keys. Default: ${DEFAULT-VALUE}.")
    int keys;

    @Option(names = "--parallelism", defaultValue = "2", paramLabel = "N", description = "Default: ${DEFAULT-VALUE}.")
    int parallelism;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path checkpoints = Files.createTempDirectory("cloudwarden-state-bench-");
        Configuration conf = CloudWardenJob.configure(new Configuration(), Duration.ofSeconds(5), checkpoints.toUri());
        try (LocalKafka kafka = LocalKafka.start()) {
            kafka.createTopic("keys", parallelism);
            try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(),
                    "linger.ms", "20"), new StringSerializer(), new StringSerializer())) {
                List<Future<?>> sent = new ArrayList<>();
                for (int i = 0; i < keys; i++) {
                    sent.add(p.send(new ProducerRecord<>("keys", i % parallelism, null,
                            failedSignIn(i, START.plusMillis(600_000L * i / keys)))));
                }
                for (Future<?> f : sent) {
                    f.get();
                }
            }
            MiniCluster flink = new MiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(conf)
                    .setNumTaskManagers(1).setNumSlotsPerTaskManager(parallelism).build());
            flink.start();
            try {
                StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
                env.setParallelism(parallelism);
                CloudWardenJob.define(env, JobSpec.defaults(), new KafkaEvents(kafka.bootstrapServers(),
                                List.of(new TopicBinding("keys", SourceType.CLOUDTRAIL)), "state-bench", false, null),
                        null, null, false).alerts().sinkTo(new DiscardingSink<>()).uid("discard");
                JobID job = flink.submitJob(env.getStreamGraph()).get(60, TimeUnit.SECONDS).getJobID();
                List<CompletedCheckpointStats> seen = new ArrayList<>();
                long last = -1;
                for (int i = 0; i < 3000 && !settled(seen); i++) {
                    CompletedCheckpointStats c = flink.getArchivedExecutionGraph(job).get().getCheckpointStatsSnapshot()
                            .getHistory().getLatestCompletedCheckpoint();
                    if (c != null && c.getCheckpointId() != last) {
                        last = c.getCheckpointId();
                        seen.add(c);
                        out.printf(Locale.ROOT, "checkpoint %d: %,d bytes in %,d ms%n", c.getCheckpointId(),
                                c.getStateSize(), c.getEndToEndDuration());
                        out.flush();
                    }
                    Thread.sleep(100);
                }
                flink.cancelJob(job).get(60, TimeUnit.SECONDS);
                if (!settled(seen)) {
                    out.println("the state did not settle within 5 minutes");
                    return 1;
                }
                List<CompletedCheckpointStats> steady = seen.subList(seen.size() - 3, seen.size());
                out.printf(Locale.ROOT, "%,d keys, parallelism %d, heap state backend: %,d bytes of state (%,.0f per key), "
                                + "checkpoints of it took %s ms%n", keys, parallelism, steady.get(2).getStateSize(),
                        (double) steady.get(2).getStateSize() / keys,
                        steady.stream().map(c -> String.format(Locale.ROOT, "%,d", c.getEndToEndDuration())).toList());
            } finally {
                flink.closeAsync().get(60, TimeUnit.SECONDS);
            }
        }
        return 0;
    }

    private static boolean settled(List<CompletedCheckpointStats> seen) {
        int n = seen.size();
        return n >= 3 && seen.get(n - 1).getStateSize() == seen.get(n - 2).getStateSize()
                && seen.get(n - 2).getStateSize() == seen.get(n - 3).getStateSize() && seen.get(n - 1).getStateSize() > 0;
    }

    /** A failed console sign-in of user {@code n} from an address of its own. */
    public static String failedSignIn(int n, Instant time) {
        return "{\"eventVersion\":\"1.09\",\"userIdentity\":{\"type\":\"IAMUser\",\"userName\":\"user" + n + "\","
                + "\"accountId\":\"111122223333\",\"arn\":\"arn:aws:iam::111122223333:user/user" + n + "\"},"
                + "\"eventTime\":\"" + time + "\",\"eventSource\":\"signin.amazonaws.com\",\"eventName\":\"ConsoleLogin\","
                + "\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "."
                + (n & 255) + "\",\"userAgent\":\"Mozilla/5.0\",\"errorMessage\":\"Failed authentication\","
                + "\"responseElements\":{\"ConsoleLogin\":\"Failure\"},\"additionalEventData\":{\"MFAUsed\":\"No\"},"
                + "\"eventID\":\"sb-" + n + "\",\"eventType\":\"AwsConsoleSignIn\",\"recipientAccountId\":\"111122223333\"}";
    }
}
