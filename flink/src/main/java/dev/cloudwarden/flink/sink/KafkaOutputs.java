package dev.cloudwarden.flink.sink;

import dev.cloudwarden.flink.job.DetectionJob;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;

import java.time.Duration;

/**
 * The job's alerts and incident updates to Kafka, exactly once: each sink writes in a Kafka transaction committed
 * with the checkpoint that covers it, so a consumer reading committed records ({@code isolation.level=read_committed})
 * sees every alert once, across failures, restarts and restores from a savepoint. Records become visible at each
 * checkpoint, so the checkpoint interval is the output's latency.
 *
 * @param bootstrapServers      where the brokers are
 * @param alertsTopic           grouped alerts, keyed by alert id
 * @param incidentsTopic        incident updates, keyed by incident id; null: none written
 * @param transactionalIdPrefix unique per job on a cluster (two jobs sharing one fence each other off)
 */
public record KafkaOutputs(String bootstrapServers, String alertsTopic, String incidentsTopic,
                           String transactionalIdPrefix) {
    /**
     * A transaction stays open from one checkpoint to the next; the broker aborts one older than its
     * {@code transaction.max.timeout.ms} (15 minutes by default), so the producer asks for no more than that.
     */
    static final Duration TRANSACTION_TIMEOUT = Duration.ofMinutes(15);

    public void attach(DetectionJob.Streams streams) {
        streams.alerts().sinkTo(sink(JsonRecords.alerts(alertsTopic), "alerts"))
                .name("kafka " + alertsTopic).uid("kafka-alerts");
        if (incidentsTopic != null && streams.incidents() != null) {
            streams.incidents().sinkTo(sink(JsonRecords.incidents(incidentsTopic), "incidents"))
                    .name("kafka " + incidentsTopic).uid("kafka-incidents");
        }
    }

    private <T> KafkaSink<T> sink(org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema<T> schema,
                                  String what) {
        return KafkaSink.<T>builder().setBootstrapServers(bootstrapServers).setRecordSerializer(schema)
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(transactionalIdPrefix + "-" + what)
                .setProperty("transaction.timeout.ms", Long.toString(TRANSACTION_TIMEOUT.toMillis()))
                .build();
    }
}
