package dev.cloudwarden.flink.job;

import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.flink.cli.FlinkStateBenchCommand;
import dev.cloudwarden.flink.ingest.TopicBinding;
import dev.cloudwarden.flink.kafka.LocalKafka;
import dev.cloudwarden.flink.testing.SharedKafka;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.checkpoint.CompletedCheckpointStats;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * State stays bounded: thousands of keys (failed console logins from as many addresses and users: correlation groups,
 * grouping keys, incidents) grow the checkpointed state; once event time has moved past every window, period and
 * idle expiry, the engine's timers have cleared them and the checkpoint shrinks back.
 */
class BoundedStateTest {
    private static final Instant DAY = Instant.parse("2026-11-01T10:00:00Z");
    private static final int KEYS = 4_000;

    @Test
    void stateShrinksOnceEventTimeHasPassedItsKeys(@TempDir Path checkpoints) throws Exception {
        LocalKafka kafka = SharedKafka.get();
        kafka.createTopic("bs-logs", 2);
        JobSpec spec = JobSpec.defaults().withAllowedLateness(Duration.ofMinutes(5));
        Configuration conf = CloudWardenJob.configure(new Configuration(), Duration.ofMillis(500), checkpoints.toUri());
        MiniCluster flink = new MiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(conf)
                .setNumTaskManagers(1).setNumSlotsPerTaskManager(2).build());
        flink.start();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                kafka.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
            env.setParallelism(2);
            CloudWardenJob.define(env, spec, new KafkaEvents(kafka.bootstrapServers(),
                    List.of(new TopicBinding("bs-logs", SourceType.CLOUDTRAIL)), "bounded-state", false, null),
                    null, null, false).alerts().sinkTo(new org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink<>())
                    .uid("discard");
            JobID job = flink.submitJob(env.getStreamGraph()).get(60, TimeUnit.SECONDS).getJobID();

            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < KEYS; i++) {
                // every partition gets the same times, so the watermark (their least) moves with both
                sent.add(producer.send(new ProducerRecord<>("bs-logs", i % 2, null, failedLogin(i, DAY.plusSeconds(i / 2)))));
            }
            for (Future<?> f : sent) {
                f.get();
            }
            long full = awaitStable(flink, job);
            assertThat(full).as("checkpointed state with %,d keys", KEYS).isGreaterThan(1_000_000);

            // a month later on both partitions: every window, group, incident and baseline is over
            for (int p = 0; p < 2; p++) {
                producer.send(new ProducerRecord<>("bs-logs", p, null, failedLogin(KEYS + p, DAY.plus(Duration.ofDays(30))))).get();
            }
            long after = awaitCheckpoint(flink, job, size -> size < full / 20);
            assertThat(after).as("checkpointed state after event time passed, vs %,d bytes with the keys", full)
                    .isLessThan(full / 20);
            flink.cancelJob(job).get(60, TimeUnit.SECONDS);
        } finally {
            flink.closeAsync().get(60, TimeUnit.SECONDS);
        }
    }

    /** The state size once three checkpoints in a row agree on it: every record read and placed (within 60 s). */
    private static long awaitStable(MiniCluster flink, JobID job) throws Exception {
        List<Long> sizes = new ArrayList<>();
        long seen = -1;
        for (int i = 0; i < 600; i++) {
            CompletedCheckpointStats c = flink.getArchivedExecutionGraph(job).get().getCheckpointStatsSnapshot()
                    .getHistory().getLatestCompletedCheckpoint();
            if (c != null && c.getCheckpointId() != seen) {
                seen = c.getCheckpointId();
                sizes.add(c.getStateSize());
                int n = sizes.size();
                if (n >= 3 && sizes.get(n - 1).equals(sizes.get(n - 2)) && sizes.get(n - 2).equals(sizes.get(n - 3))) {
                    return sizes.get(n - 1);
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the checkpointed state did not settle within 60 s: " + sizes);
    }

    /** The size of the first completed checkpoint whose state size passes {@code test} (within 60 s). */
    private static long awaitCheckpoint(MiniCluster flink, JobID job, LongPredicate test) throws Exception {
        long last = -1;
        for (int i = 0; i < 600; i++) {
            CompletedCheckpointStats c = flink.getArchivedExecutionGraph(job).get().getCheckpointStatsSnapshot()
                    .getHistory().getLatestCompletedCheckpoint();
            if (c != null) {
                last = c.getStateSize();
                if (test.test(last)) {
                    return last;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no checkpoint of the size looked for within 60 s; the last one: " + last + " bytes");
    }

    private static String failedLogin(int n, Instant time) {
        return FlinkStateBenchCommand.failedSignIn(n, time);
    }
}
