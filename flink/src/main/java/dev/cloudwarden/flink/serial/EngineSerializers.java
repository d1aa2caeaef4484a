package dev.cloudwarden.flink.serial;

import dev.cloudwarden.engine.event.RawRecord;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * How the engine's types cross tasks and sit in checkpoints. Events, alerts and the operators' state are the
 * engine's own records; Flink serializes records field by field and falls back to Kryo for the rest. Two kinds of
 * value need help: an event's raw record ({@link RawRecordSerializer}) and the JDK's unmodifiable collections
 * ({@link UnmodifiableCollectionSerializers}). Registered here for a job's whole graph.
 */
public final class EngineSerializers {
    private EngineSerializers() {
    }

    public static void register(StreamExecutionEnvironment env) {
        SerializerConfigImpl config = (SerializerConfigImpl) env.getConfig().getSerializerConfig();
        config.addDefaultKryoSerializer(RawRecord.class, RawRecordSerializer.class);
        UnmodifiableCollectionSerializers.defaults().forEach(config::addDefaultKryoSerializer);
    }
}
