package dev.cloudwarden.flink.cli;

import dev.cloudwarden.app.cli.ScaleOut;
import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.incident.IncidentUpdate;
import dev.cloudwarden.engine.run.AlertSink;
import dev.cloudwarden.engine.run.IncidentSink;
import dev.cloudwarden.engine.run.RunConfig;
import dev.cloudwarden.flink.ingest.TopicBinding;
import dev.cloudwarden.flink.job.CloudWardenJob;
import dev.cloudwarden.flink.job.DetectionJob;
import dev.cloudwarden.flink.job.JobSpec;
import dev.cloudwarden.flink.job.KafkaEvents;
import dev.cloudwarden.flink.kafka.LocalKafka;
import dev.cloudwarden.flink.sink.KafkaOutputs;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/** The Flink job as the CLI's scale-out runtime: {@code flink run}, and {@code demo --flink}'s replay. */
public final class FlinkScaleOut implements ScaleOut {
    /** What the replay brings back to the CLI: an alert or an incident update. */
    public record Output(Alert alert, IncidentUpdate incident) {
    }

    @Override
    public List<Object> commands() {
        return List.of(new FlinkCommand());
    }

    @Override
    public long replay(RunConfig run, JobOptions options, Path logs, AlertSink alerts, IncidentSink incidents)
            throws Exception {
        JobSpec spec = Specs.of(run, options, List.of());
        List<Path> files;
        try (Stream<Path> s = Files.walk(logs)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        Path checkpoints = Files.createTempDirectory("cloudwarden-flink-checkpoints-");
        try (LocalKafka kafka = LocalKafka.start()) {
            kafka.createTopic("logs", files.size());
            kafka.createTopic("alerts", 1);
            kafka.createTopic("incidents", 1);
            long lines = produce(kafka.bootstrapServers(), "logs", files);
            Configuration conf = CloudWardenJob.configure(new Configuration(), Duration.ofSeconds(2), checkpoints.toUri());
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
            env.setParallelism(Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())));
            // a replay of history: no idleness, so a partition read later never finds its events late
            DetectionJob.Streams streams = CloudWardenJob.define(env, spec, new KafkaEvents(kafka.bootstrapServers(),
                            List.of(new TopicBinding("logs", null, files.stream().map(Path::toString).toList())),
                            "cloudwarden-demo", true, null), null,
                    new KafkaOutputs(kafka.bootstrapServers(), "alerts", "incidents", "cloudwarden-demo"),
                    incidents.wantsLiveUpdates());
            DataStream<Output> out = streams.alerts().map(a -> new Output(a, null)).uid("demo-alerts");
            if (streams.incidents() != null) {
                out = out.union(streams.incidents().map(u -> new Output(null, u)).uid("demo-incidents"));
            }
            try (CloseableIterator<Output> results = out.executeAndCollect("cloudwarden demo")) {
                while (results.hasNext()) {
                    Output o = results.next();
                    if (o.alert() != null) {
                        alerts.accept(o.alert());
                    } else {
                        incidents.accept(o.incident());
                    }
                }
            }
            alerts.flush();
            incidents.flush();
            return lines;
        } finally {
            delete(checkpoints);
        }
    }

    /** Each file's lines to its own partition, stamped with its modification time (as the CLI reads it). */
    static long produce(String bootstrap, String topic, List<Path> files) throws Exception {
        long n = 0;
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
                "linger.ms", "20"), new ByteArraySerializer(), new ByteArraySerializer())) {
            List<Future<?>> sent = new ArrayList<>();
            for (int partition = 0; partition < files.size(); partition++) {
                Path f = files.get(partition);
                long mtime = Files.getLastModifiedTime(f).toMillis();
                try (Stream<String> lines = Files.lines(f, StandardCharsets.UTF_8)) {
                    for (String line : (Iterable<String>) lines::iterator) {
                        sent.add(p.send(new ProducerRecord<>(topic, partition, mtime, null,
                                line.getBytes(StandardCharsets.UTF_8))));
                        n++;
                    }
                }
            }
            p.flush();
            for (Future<?> f : sent) {
                f.get();
            }
        }
        return n;
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
