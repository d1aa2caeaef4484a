package dev.cloudwarden.flink.sink;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.alert.AlertCodec;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.engine.incident.IncidentCodec;
import dev.cloudwarden.engine.incident.IncidentUpdate;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Alerts and incident updates as Kafka records: the engine's JSON (what {@code scan --format json} and the store
 * write, with the events' original records as evidence) keyed by the deterministic id, so a compacted topic keeps
 * each alert's and incident's latest form and a consumer can upsert on the key.
 */
public final class JsonRecords {
    private JsonRecords() {
    }

    public static KafkaRecordSerializationSchema<Alert> alerts(String topic) {
        return new Schema<>(topic, Alert::id, (a, g) -> AlertCodec.write(a, g, true));
    }

    public static KafkaRecordSerializationSchema<IncidentUpdate> incidents(String topic) {
        return new Schema<>(topic, u -> u.incident().id(), (u, g) -> IncidentCodec.write(u, g, true));
    }

    private interface Id<T> extends java.io.Serializable {
        String of(T value);
    }

    private interface Writer<T> extends java.io.Serializable {
        void write(T value, JsonGenerator g) throws IOException;
    }

    private record Schema<T>(String topic, Id<T> id, Writer<T> writer) implements KafkaRecordSerializationSchema<T> {
        @Override
        public ProducerRecord<byte[], byte[]> serialize(T value, KafkaSinkContext context, Long timestamp) {
            return new ProducerRecord<>(topic, null, timestamp, id.of(value).getBytes(StandardCharsets.UTF_8),
                    json(value));
        }

        private byte[] json(T value) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
            try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
                writer.write(value, g);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }
    }
}
