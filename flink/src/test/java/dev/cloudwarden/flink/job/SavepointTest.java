package dev.cloudwarden.flink.job;

import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.flink.ingest.TopicBinding;
import dev.cloudwarden.flink.kafka.LocalKafka;
import dev.cloudwarden.flink.sink.KafkaOutputs;
import dev.cloudwarden.flink.testing.CommittedRecords;
import dev.cloudwarden.flink.testing.DemoDay;
import dev.cloudwarden.flink.testing.SharedKafka;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stop with a savepoint mid-stream, restore, continue: every alert and incident of the CLI's run over the same input
 * reaches the committed output topics, none twice. Half of each log file goes in before the stop, the rest after the
 * restore. The restored job also reads a clock topic, where an event a month later keeps coming: once the log
 * partitions have been read they go quiet and stop holding the watermark back (idleness), and the clock's watermark
 * closes every group and incident, as the end of input does for the CLI. (The first job has no idleness: a partition
 * that went quiet at the half would let the others' watermark pass its second half, which would then be late.)
 */
class SavepointTest {
    private static final Instant CLOCK = DemoDay.START.plus(Duration.ofDays(40));

    @Test
    void noAlertIsLostOrDuplicatedAcrossAStopWithSavepointAndARestore(@TempDir Path dir) throws Exception {
        Path checkpoints = dir.resolve("checkpoints");
        DemoDay day = DemoDay.write(dir.resolve("day"), 3000);
        JobSpec spec = JobSpec.defaults();
        Path clockFile = dir.resolve("clock.jsonl");
        Files.writeString(clockFile, clockRecord() + "\n");
        DemoDay.Found cli = day.scan(spec.runConfig(), clockFile);
        TreeSet<String> expectedAlerts = new TreeSet<>(DemoDay.before(cli.alerts(), CLOCK.minus(Duration.ofDays(1))).keySet());
        assertThat(expectedAlerts).hasSizeGreaterThan(100);

        LocalKafka kafka = SharedKafka.get();
        kafka.createTopic("sp-logs", day.files().size());
        kafka.createTopic("sp-clock", 1);
        kafka.createTopic("sp-alerts", 2);
        kafka.createTopic("sp-incidents", 1);
        day.produce(kafka.bootstrapServers(), "sp-logs", 0, 0.5);

        Configuration conf = CloudWardenJob.configure(new Configuration(), Duration.ofMillis(500), checkpoints.toUri());
        MiniCluster flink = new MiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(conf)
                .setNumTaskManagers(1).setNumSlotsPerTaskManager(2).build());
        flink.start();
        try (CommittedRecords alerts = new CommittedRecords(kafka.bootstrapServers(), "sp-alerts");
             CommittedRecords incidents = new CommittedRecords(kafka.bootstrapServers(), "sp-incidents")) {
            JobID first = flink.submitJob(graph(conf, spec, kafka, false, SavepointRestoreSettings.none()))
                    .get(60, TimeUnit.SECONDS).getJobID();
            assertThat(alerts.until(r -> r.size() >= 10, Duration.ofSeconds(120))).hasSizeGreaterThanOrEqualTo(10);
            String savepoint = flink.stopWithSavepoint(first, dir.resolve("savepoints").toUri().toString(), false,
                    SavepointFormatType.CANONICAL).get(120, TimeUnit.SECONDS);

            day.produce(kafka.bootstrapServers(), "sp-logs", 0.5, 1);
            JobID second = flink.submitJob(graph(conf, spec, kafka, true, SavepointRestoreSettings.forPath(savepoint)))
                    .get(60, TimeUnit.SECONDS).getJobID();
            List<Map.Entry<String, String>> written;
            List<Map.Entry<String, String>> incidentUpdates;
            try (Clock clock = new Clock(kafka.bootstrapServers())) {
                written = alerts.until(r -> r.stream().map(Map.Entry::getKey).distinct().count() >= expectedAlerts.size(),
                        Duration.ofSeconds(180));
                incidentUpdates = incidents.until(r -> r.size() >= cli.incidents().size(), Duration.ofSeconds(60));
                // a few more checkpoints: anything written twice would be committed by now
                Thread.sleep(2000);
                written = alerts.until(r -> false, Duration.ofMillis(500));
                incidentUpdates = incidents.until(r -> false, Duration.ofMillis(500));
            }
            flink.cancelJob(second).get(60, TimeUnit.SECONDS);

            List<String> alertIds = written.stream().map(Map.Entry::getKey).toList();
            assertThat(alertIds).doesNotHaveDuplicates();
            assertThat(new TreeSet<>(alertIds)).isEqualTo(expectedAlerts);
            List<String> incidentIds = incidentUpdates.stream().map(Map.Entry::getKey).toList();
            assertThat(incidentIds).doesNotHaveDuplicates();
            assertThat(new TreeSet<>(incidentIds)).isEqualTo(cli.incidents().keySet());
        } finally {
            flink.closeAsync().get(60, TimeUnit.SECONDS);
        }
    }

    private static StreamGraph graph(Configuration conf, JobSpec spec, LocalKafka kafka, boolean withClock,
                                     SavepointRestoreSettings restore) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        List<TopicBinding> topics = withClock
                ? List.of(new TopicBinding("sp-logs", null), new TopicBinding("sp-clock", SourceType.CLOUDTRAIL))
                : List.of(new TopicBinding("sp-logs", null));
        CloudWardenJob.define(env, spec, new KafkaEvents(kafka.bootstrapServers(), topics, "savepoint-test", false,
                        withClock ? Duration.ofSeconds(10) : null), null,
                new KafkaOutputs(kafka.bootstrapServers(), "sp-alerts", "sp-incidents", "savepoint-test"), false);
        StreamGraph graph = env.getStreamGraph();
        graph.setSavepointRestoreSettings(restore);
        return graph;
    }

    /** Sends the clock record every 200 ms until closed, so the clock partition never goes idle. */
    private static final class Clock implements AutoCloseable {
        private final KafkaProducer<String, String> producer;
        private final Thread ticker;
        private volatile boolean running = true;

        Clock(String bootstrap) {
            producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap), new StringSerializer(),
                    new StringSerializer());
            ticker = new Thread(() -> {
                while (running) {
                    producer.send(new ProducerRecord<>("sp-clock", clockRecord()));
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "clock");
            ticker.start();
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            ticker.join();
            producer.close();
        }
    }

    /** A benign CloudTrail call a month after the day: it only moves event time on. */
    private static String clockRecord() {
        return "{\"eventVersion\":\"1.09\",\"userIdentity\":{\"type\":\"AWSService\",\"invokedBy\":\"kms.amazonaws.com\"},"
                + "\"eventTime\":\"" + CLOCK + "\",\"eventSource\":\"kms.amazonaws.com\",\"eventName\":\"Decrypt\","
                + "\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"kms.amazonaws.com\",\"userAgent\":\"kms.amazonaws.com\","
                + "\"eventID\":\"0d9b5a0e-0000-4000-8000-000000000001\",\"eventType\":\"AwsApiCall\","
                + "\"recipientAccountId\":\"111122223333\"}";
    }
}
