package dev.cloudwarden.flink.job;

import dev.cloudwarden.flink.detect.RuntimeFiles;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.charset.StandardCharsets;

/**
 * Rule and intel files changed at runtime, from a Kafka topic (compacted, ideally: each key's latest record is the
 * file): read from its beginning by one task and broadcast to every matching task. The key is the file's path
 * ({@code rules/aws/new-rule.yml}, {@code intel/blocklist.txt}); the value its text; an empty value removes it.
 * Publishing a rule is one {@code kafka-console-producer --property parse.key=true} away.
 *
 * <p>Rule changes carry no event time: this input says its watermark is the end of time, so it never holds back
 * the events' watermark.
 */
public record RulesTopic(String bootstrapServers, String topic, String groupId) {
    public DataStream<RuntimeFiles.Update> read(StreamExecutionEnvironment env) {
        KafkaSource<RuntimeFiles.Update> source = KafkaSource.<RuntimeFiles.Update>builder()
                .setBootstrapServers(bootstrapServers).setTopics(topic).setGroupId(groupId)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setProperty("isolation.level", "read_committed")
                .setDeserializer(new Files()).build();
        return env.fromSource(source, WatermarkStrategy.forGenerator(c -> new EndOfTime()), "rules " + topic)
                .setParallelism(1).uid("rules-source");
    }

    private static final class Files implements KafkaRecordDeserializationSchema<RuntimeFiles.Update> {
        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RuntimeFiles.Update> out) {
            if (record.key() == null) {
                return; // a file needs a name; a record without one names nothing to change
            }
            out.collect(new RuntimeFiles.Update(new String(record.key(), StandardCharsets.UTF_8),
                    record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8)));
        }

        @Override
        public void open(DeserializationSchema.InitializationContext context) {
        }

        @Override
        public TypeInformation<RuntimeFiles.Update> getProducedType() {
            return TypeInformation.of(RuntimeFiles.Update.class);
        }
    }

    private static final class EndOfTime implements WatermarkGenerator<RuntimeFiles.Update> {
        @Override
        public void onEvent(RuntimeFiles.Update event, long eventTimestamp, WatermarkOutput output) {
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            output.emitWatermark(new Watermark(Long.MAX_VALUE));
        }
    }
}
