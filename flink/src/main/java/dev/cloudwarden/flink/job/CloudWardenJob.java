package dev.cloudwarden.flink.job;

import dev.cloudwarden.flink.serial.EngineSerializers;
import dev.cloudwarden.flink.sink.KafkaOutputs;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.net.URI;
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
     * The job's settings on top of {@code base}: checkpoints every {@code checkpointInterval} into
     * {@code checkpoints} (a folder or a file system URI: a cluster's must be shared, S3 or HDFS), exactly once (the
     * Kafka sinks commit with them); object reuse, since no operator keeps or changes an element it is handed (engine
     * events and alerts are immutable), which spares a copy of every event between chained operators.
     */
    public static Configuration configure(Configuration base, Duration checkpointInterval, URI checkpoints) {
        Configuration c = new Configuration(base);
        // the default keeps checkpoints in the job manager's memory, up to 5 MB: a few thousand keys' windows
        c.setString("execution.checkpointing.storage", "filesystem");
        c.setString("execution.checkpointing.dir", checkpoints.toString());
        c.setString("execution.checkpointing.interval", checkpointInterval.toMillis() + " ms");
        c.setString("execution.checkpointing.mode", "EXACTLY_ONCE");
        c.setString("pipeline.object-reuse", "true");
        // every stateful operator is named for savepoints; an operator without a uid fails the build of the job
        // graph instead of a later restore
        c.setString("pipeline.auto-generate-uids", "false");
        return c;
    }

    /**
     * Defines the job on {@code env}: sources, detection, the Kafka sinks; returns the streams for more sinks.
     *
     * @param rules  a rules topic for runtime changes; null: the spec's rules only
     * @param output the Kafka sinks; null: none
     */
    public static DetectionJob.Streams define(StreamExecutionEnvironment env, JobSpec spec, KafkaEvents input,
                                              RulesTopic rules, KafkaOutputs output, boolean liveIncidentUpdates) {
        EngineSerializers.register(env);
        DetectionJob.Streams streams = DetectionJob.build(spec, input.read(env, spec),
                rules == null ? null : rules.read(env), liveIncidentUpdates);
        if (output != null) {
            output.attach(streams);
        }
        return streams;
    }
}
