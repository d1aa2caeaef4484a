package dev.cloudwarden.flink.ingest;

import dev.cloudwarden.engine.run.StreamOperators;
import dev.cloudwarden.flink.job.JobSpec;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.List;

/**
 * Parses Kafka records in the source task ({@link PartitionParsers}), so each event has its event time as it leaves
 * the source, and Flink's per-split watermarks are per partition. Tombstones hold no line.
 */
public final class KafkaRecordParser implements KafkaRecordDeserializationSchema<Ingested> {
    private static final long serialVersionUID = 1L;

    private final JobSpec spec;
    private final List<TopicBinding> topics;
    private transient PartitionParsers parsers;

    public KafkaRecordParser(JobSpec spec, List<TopicBinding> topics) {
        this.spec = spec;
        this.topics = List.copyOf(topics);
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        parsers = new PartitionParsers(topics, new StreamOperators(spec.runConfig()).readAhead());
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Ingested> out) {
        if (record.value() != null && record.value().length > 0) {
            parsers.parse(new KafkaLine(record.topic(), record.partition(), record.offset(), record.timestamp(),
                    record.value()), out::collect);
        }
    }

    @Override
    public TypeInformation<Ingested> getProducedType() {
        return TypeInformation.of(Ingested.class);
    }
}
