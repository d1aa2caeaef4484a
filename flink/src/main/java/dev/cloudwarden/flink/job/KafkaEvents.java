package dev.cloudwarden.flink.job;

import dev.cloudwarden.flink.ingest.Ingested;
import dev.cloudwarden.flink.ingest.KafkaRecordParser;
import dev.cloudwarden.flink.ingest.LatenessWatermarks;
import dev.cloudwarden.flink.ingest.TopicBinding;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.time.Duration;
import java.util.List;

/**
 * The log topics the job reads, parsed in the source and stamped with their event time. Watermarks are made per
 * partition (Flink's per-split watermarks) with the run's lateness bound ({@link LatenessWatermarks}), and the job's watermark is the least of
 * the partitions', so a partition that lags is waited for, as one slow file is by the CLI. A partition with no
 * records for {@code idleness} (wall time) stops holding the watermark back until it has records again.
 *
 * @param bootstrapServers where the brokers are
 * @param topics           the topics and how each is parsed
 * @param groupId          the consumer group offsets are committed under (progress only: a restore reads the
 *                         checkpoint's offsets)
 * @param bounded          stop at the offsets that are the latest when the job starts (a replay, the demo, tests)
 * @param idleness         how long a partition may be quiet before it no longer holds the watermark back; null:
 *                         never (a replay of history, where a partition read late would otherwise find its events late)
 */
public record KafkaEvents(String bootstrapServers, List<TopicBinding> topics, String groupId, boolean bounded,
                          Duration idleness) {
    public KafkaEvents {
        topics = List.copyOf(topics);
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("no topics to read");
        }
    }

    public DataStream<Ingested> read(StreamExecutionEnvironment env, JobSpec spec) {
        KafkaSourceBuilder<Ingested> b = KafkaSource.<Ingested>builder().setBootstrapServers(bootstrapServers)
                .setTopics(topics.stream().map(TopicBinding::topic).toList())
                .setGroupId(groupId)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new KafkaRecordParser(spec, topics))
                // the job reads what its own transactional sinks (or another's) committed, never aborted writes
                .setProperty("isolation.level", "read_committed");
        if (bounded) {
            b.setBounded(OffsetsInitializer.latest());
        }
        Duration lateness = spec.allowedLateness();
        WatermarkStrategy<Ingested> watermarks = WatermarkStrategy
                .<Ingested>forGenerator(c -> new LatenessWatermarks<>(lateness))
                .withTimestampAssigner((in, recordTime) -> Ingested.timestamp(in));
        if (idleness != null) {
            watermarks = watermarks.withIdleness(idleness);
        }
        return env.fromSource(b.build(), watermarks,
                "kafka " + String.join(",", topics.stream().map(TopicBinding::topic).toList())).uid("kafka-source");
    }
}
