package dev.cloudwarden.flink.job;

import dev.cloudwarden.flink.ingest.Ingested;
import dev.cloudwarden.flink.serial.EngineSerializers;
import dev.cloudwarden.flink.sink.KafkaOutputs;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.time.Duration;

/**
 * The whole job: Kafka in, detection, Kafka out (exactly once), plus whatever sinks the caller adds to the returned
 * streams (the store's upserts). One definition for the local MiniCluster ({@code cloudwarden flink run}), the demo,
 * the tests and a real cluster ({@link Main}).
 */
public final class CloudWardenJob {
    private CloudWardenJob() {
    }

    /**
     * The job's settings on top of {@code base}: checkpoints every {@code checkpointInterval}, exactly once (the Kafka
     * sinks commit with them); object reuse, since no operator keeps or changes an element it is handed (engine
     * events and alerts are immutable), which spares a copy of every event between chained operators.
     */
    public static Configuration configure(Configuration base, Duration checkpointInterval) {
        Configuration c = new Configuration(base);
        c.setString("execution.checkpointing.interval", checkpointInterval.toMillis() + " ms");
        c.setString("execution.checkpointing.mode", "EXACTLY_ONCE");
        c.setString("pipeline.object-reuse", "true");
        return c;
    }

    /** Defines the job on {@code env}: sources, detection, the Kafka sinks; returns the streams for more sinks. */
    public static DetectionJob.Streams define(StreamExecutionEnvironment env, JobSpec spec, KafkaEvents input,
                                              KafkaOutputs output, boolean liveIncidentUpdates) {
        EngineSerializers.register(env);
        DataStream<Ingested> events = input.read(env, spec);
        DetectionJob.Streams streams = DetectionJob.build(spec, events, liveIncidentUpdates);
        if (output != null) {
            output.attach(streams);
        }
        return streams;
    }
}
