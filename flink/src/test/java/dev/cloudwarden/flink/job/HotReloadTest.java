package dev.cloudwarden.flink.job;

import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.flink.ingest.TopicBinding;
import dev.cloudwarden.flink.kafka.LocalKafka;
import dev.cloudwarden.flink.sink.KafkaOutputs;
import dev.cloudwarden.flink.testing.CommittedRecords;
import dev.cloudwarden.flink.testing.SharedKafka;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rule published to the rules topic while the job runs fires on the events after it, not on those before, and the
 * job never restarts. Grouping is off so that every match is an alert at once.
 */
class HotReloadTest {
    private static final String RULE_ID = "5f0c2f7e-4a53-4a0b-9d0e-hot-reload-probe";
    private static final String RULE = """
            title: Hot reload probe
            id: 5f0c2f7e-4a53-4a0b-9d0e-hot-reload-probe
            status: test
            logsource:
                product: aws
                service: cloudtrail
            detection:
                selection:
                    eventSource: ec2.amazonaws.com
                    eventName: DescribeHotReloadProbe
                condition: selection
            level: high
            """;

    @Test
    void aRuleAddedAtRuntimeFiresOnLaterEvents(@TempDir Path checkpoints) throws Exception {
        LocalKafka kafka = SharedKafka.get();
        kafka.createTopic("hr-logs", 1);
        kafka.createTopic("hr-rules", 1);
        kafka.createTopic("hr-alerts", 1);
        JobSpec spec = new JobSpec(List.of(), true, false, Duration.ofMinutes(1), false, null, null, Instant.EPOCH, null);

        Configuration conf = CloudWardenJob.configure(new Configuration(), Duration.ofMillis(300), checkpoints.toUri());
        MiniCluster flink = new MiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(conf)
                .setNumTaskManagers(1).setNumSlotsPerTaskManager(2).build());
        flink.start();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                kafka.bootstrapServers()), new StringSerializer(), new StringSerializer());
             CommittedRecords alerts = new CommittedRecords(kafka.bootstrapServers(), "hr-alerts")) {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
            env.setParallelism(2);
            CloudWardenJob.define(env, spec, new KafkaEvents(kafka.bootstrapServers(),
                            List.of(new TopicBinding("hr-logs", SourceType.CLOUDTRAIL)), "hot-reload", false, null),
                    new RulesTopic(kafka.bootstrapServers(), "hr-rules", "hot-reload-rules"),
                    new KafkaOutputs(kafka.bootstrapServers(), "hr-alerts", null, "hot-reload"), false);
            JobID job = flink.submitJob(env.getStreamGraph()).get(60, TimeUnit.SECONDS).getJobID();

            producer.send(new ProducerRecord<>("hr-logs", probe("before-the-rule", 0))).get();
            awaitConsumed(kafka, "hot-reload", new TopicPartition("hr-logs", 0), 1);

            producer.send(new ProducerRecord<>("hr-rules", "rules/hot-reload-probe.yml", RULE)).get();
            List<Map.Entry<String, String>> fired = List.of();
            for (int i = 1; i <= 60 && fired.isEmpty(); i++) {
                producer.send(new ProducerRecord<>("hr-logs", probe("after-the-rule-" + i, i))).get();
                fired = alerts.until(r -> r.stream().anyMatch(e -> e.getValue().contains(RULE_ID)), Duration.ofSeconds(1))
                        .stream().filter(e -> e.getValue().contains(RULE_ID)).toList();
            }
            assertThat(fired).as("the rule published at runtime fires").isNotEmpty();
            assertThat(fired).allSatisfy(e -> assertThat(e.getValue()).contains("after-the-rule-")
                    .doesNotContain("before-the-rule"));
            assertThat(flink.getJobStatus(job).get().isGloballyTerminalState()).isFalse();
            flink.cancelJob(job).get(60, TimeUnit.SECONDS);
        } finally {
            flink.closeAsync().get(60, TimeUnit.SECONDS);
        }
    }

    /** Waits until the job has committed its offset past {@code records} records (it commits on checkpoints). */
    private static void awaitConsumed(LocalKafka kafka, String group, TopicPartition partition, long records)
            throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            for (int i = 0; i < 300; i++) {
                ListConsumerGroupOffsetsResult r = admin.listConsumerGroupOffsets(group);
                OffsetAndMetadata o = r.partitionsToOffsetAndMetadata().get().get(partition);
                if (o != null && o.offset() >= records) {
                    return;
                }
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the job did not read " + partition + " in 30 s");
    }

    private static String probe(String eventId, int minute) {
        return "{\"eventVersion\":\"1.09\",\"userIdentity\":{\"type\":\"IAMUser\",\"userName\":\"probe\","
                + "\"accountId\":\"111122223333\",\"arn\":\"arn:aws:iam::111122223333:user/probe\"},"
                + "\"eventTime\":\"" + Instant.parse("2026-11-01T10:00:00Z").plusSeconds(60L * minute) + "\","
                + "\"eventSource\":\"ec2.amazonaws.com\",\"eventName\":\"DescribeHotReloadProbe\","
                + "\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"198.51.100.7\",\"userAgent\":\"aws-cli/2\","
                + "\"eventID\":\"" + eventId + "\",\"eventType\":\"AwsApiCall\",\"recipientAccountId\":\"111122223333\"}";
    }
}
