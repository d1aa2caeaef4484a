package dev.cloudwarden.flink.cli;

import dev.cloudwarden.app.cli.RulesMixin;
import dev.cloudwarden.app.cli.RunMixin;
import dev.cloudwarden.app.cli.ScaleOut;
import dev.cloudwarden.app.output.TerminalText;
import dev.cloudwarden.engine.sigma.load.RuleSet;
import dev.cloudwarden.engine.run.RunConfig;
import dev.cloudwarden.flink.ingest.TopicBinding;
import dev.cloudwarden.flink.job.CloudWardenJob;
import dev.cloudwarden.flink.job.DetectionJob;
import dev.cloudwarden.flink.job.JobSpec;
import dev.cloudwarden.flink.job.KafkaEvents;
import dev.cloudwarden.flink.job.RulesTopic;
import dev.cloudwarden.flink.sink.EngineSink;
import dev.cloudwarden.flink.sink.KafkaOutputs;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code cloudwarden flink ...}: the detection as the Flink job over Kafka. */
@Command(name = "flink", mixinStandardHelpOptions = true, subcommands = {FlinkCommand.Run.class, FlinkBenchCommand.class, FlinkStateBenchCommand.class},
        description = "The detection as an Apache Flink job over Kafka, for when one machine is not enough.")
public final class FlinkCommand {
    /**
     * {@code flink run}: the job on a local MiniCluster, or on a cluster when this jar is submitted with Flink's own
     * {@code flink run} (the same options; see the README).
     */
    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Runs the job: log topics in; grouped alerts and incident updates out to Kafka, exactly once, "
                    + "and to the store when --store is given. Locally it runs on a MiniCluster until stopped (or, with "
                    + "--bounded, to the end of what the topics hold)."})
    public static final class Run implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT,...",
                description = "The Kafka brokers.")
        String bootstrapServers;

        @Option(names = "--topics", required = true, split = ",", paramLabel = "TOPIC[=SOURCE]",
                description = {"Log topics to read: raw lines or records, or NDJSON, one per Kafka record. A topic's "
                        + "parser is chosen by each partition's first record, or named (=cloudtrail, =sshd, ...)."})
        List<String> topics;

        @Option(names = "--rules-topic", paramLabel = "TOPIC",
                description = {"Rule and intel files changed while the job runs: key rules/PATH.yml or intel/NAME, value "
                        + "the file's text (empty: removed). Broadcast to every task; correlations change with a restart."})
        String rulesTopic;

        @Option(names = "--alerts-topic", defaultValue = "cloudwarden-alerts", paramLabel = "TOPIC",
                description = "Where grouped alerts go (keyed by alert id). Default: ${DEFAULT-VALUE}.")
        String alertsTopic;

        @Option(names = "--incidents-topic", defaultValue = "cloudwarden-incidents", paramLabel = "TOPIC",
                description = "Where incident updates go (keyed by incident id). Default: ${DEFAULT-VALUE}.")
        String incidentsTopic;

        @Option(names = "--store", paramLabel = "LOCATION",
                description = {"Also upsert alerts and incidents into this store (jdbc:postgresql://...; a DuckDB file "
                        + "on a local MiniCluster only), on their deterministic ids: a replay after a failure leaves each "
                        + "row once."})
        String store;

        @Option(names = "--incident-level", defaultValue = "medium", paramLabel = "LEVEL",
                description = "Alerts at this level and above form incidents. Default: ${DEFAULT-VALUE}.")
        String incidentLevel;

        @Option(names = "--parallelism", paramLabel = "N", description = "Parallel tasks (default: the cores).")
        Integer parallelism;

        @Option(names = "--checkpoints", defaultValue = "checkpoints", paramLabel = "DIR|URI",
                description = "Where checkpoints go (a cluster needs a shared one: s3://, hdfs://). Default: ${DEFAULT-VALUE}.")
        String checkpoints;

        @Option(names = "--checkpoint-interval", defaultValue = "PT10S", paramLabel = "DURATION",
                description = "How often; output to Kafka is committed with each. Default: ${DEFAULT-VALUE}.")
        Duration checkpointInterval;

        @Option(names = "--from-savepoint", paramLabel = "PATH", description = "Restore from a savepoint or checkpoint.")
        String fromSavepoint;

        @Option(names = "--idleness", defaultValue = "PT1M", paramLabel = "DURATION",
                description = {"A partition with no record for this long (wall time) stops holding the watermark back. "
                        + "Default: ${DEFAULT-VALUE}."})
        Duration idleness;

        @Option(names = "--bounded", description = {"Read what the topics hold now and stop (a replay): no idleness, so "
                + "a partition read later never finds its events late."})
        boolean bounded;

        @Option(names = "--group-id", defaultValue = "cloudwarden", paramLabel = "ID",
                description = "The consumer group progress is committed under. Default: ${DEFAULT-VALUE}.")
        String groupId;

        @Mixin
        RulesMixin rules;

        @Mixin
        RunMixin run;

        @Override
        public Integer call() throws Exception {
            List<TopicBinding> bindings;
            try {
                bindings = topics.stream().map(TopicBinding::parse).toList();
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--topics: " + e.getMessage());
            }
            RuleSet ruleSet = rules.load(spec);
            // the tasks build the intel index themselves (the spec says to match the starter indicators)
            RunConfig config = run.config(spec, ruleSet, null);
            JobSpec jobSpec = Specs.of(config, new ScaleOut.JobOptions(rules.builtIn(), true, run.suppressionsFile(),
                    incidentLevel), rules.files(spec));

            Configuration conf = CloudWardenJob.configure(new Configuration(), checkpointInterval, checkpointUri());
            if (fromSavepoint != null) {
                conf.setString("execution.state-recovery.path", fromSavepoint);
            }
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
            env.setParallelism(parallelism != null ? parallelism : Runtime.getRuntime().availableProcessors());
            DetectionJob.Streams streams = CloudWardenJob.define(env, jobSpec,
                    new KafkaEvents(bootstrapServers, bindings, groupId, bounded, bounded ? null : idleness),
                    rulesTopic == null ? null : new RulesTopic(bootstrapServers, rulesTopic, groupId + "-rules"),
                    new KafkaOutputs(bootstrapServers, alertsTopic, incidentsTopic, groupId), store != null);
            streams.rejected().map(r -> "error: " + TerminalText.safe(r.message())).uid("rejected-messages")
                    .printToErr().uid("rejected-log");
            if (store != null) {
                String location = store;
                streams.alerts().sinkTo(EngineSink.alerts(() -> StoreSinks.alerts(location))).uid("store-alerts")
                        .setParallelism(1);
                if (streams.incidents() != null) {
                    streams.incidents().sinkTo(EngineSink.incidents(() -> StoreSinks.incidents(location)))
                            .uid("store-incidents").setParallelism(1);
                }
            }
            JobClient job = env.executeAsync("cloudwarden");
            spec.commandLine().getErr().printf("cloudwarden: job %s running (%s); Ctrl-C stops%n", job.getJobID(),
                    bounded ? "to the end of the topics" : "until stopped");
            spec.commandLine().getErr().flush();
            var result = job.getJobExecutionResult().get();
            spec.commandLine().getErr().printf("cloudwarden: job finished in %,d ms%n", result.getNetRuntime());
            return 0;
        }

        private java.net.URI checkpointUri() {
            return checkpoints.contains("://") ? java.net.URI.create(checkpoints)
                    : Path.of(checkpoints).toAbsolutePath().toUri();
        }
    }
}
