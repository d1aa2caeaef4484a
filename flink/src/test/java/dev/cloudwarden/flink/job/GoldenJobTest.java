package dev.cloudwarden.flink.job;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.incident.IncidentUpdate;
import dev.cloudwarden.engine.ingest.IngestOptions;
import dev.cloudwarden.engine.ingest.Rejection;
import dev.cloudwarden.engine.ingest.read.Input;
import dev.cloudwarden.engine.run.AlertSink;
import dev.cloudwarden.engine.run.DetectionRun;
import dev.cloudwarden.engine.run.FileSource;
import dev.cloudwarden.engine.run.IncidentSink;
import dev.cloudwarden.flink.ingest.TopicBinding;
import dev.cloudwarden.flink.kafka.LocalKafka;
import dev.cloudwarden.flink.serial.EngineSerializers;
import dev.cloudwarden.simulate.Simulation;
import dev.cloudwarden.simulate.write.SimulationWriter;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same input through the CLI's run and through the job gives the same alerts and incidents, by id: the demo's
 * simulated day (every catalog scenario in benign traffic), each log file a partition of one topic.
 */
class GoldenJobTest {
    private static LocalKafka kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = LocalKafka.start();
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    @Test
    void theJobFindsTheAlertsAndIncidentsOfTheCliRunWithTheSameIds(@TempDir Path dir) throws Exception {
        Instant start = Instant.parse("2026-11-01T00:00:00Z");
        new Simulation(42, start, Duration.ofHours(24)).write(dir, Simulation.allScenarios(), 3000);
        Path logs = dir.resolve(SimulationWriter.LOGS);
        List<Path> files;
        try (Stream<Path> s = Files.walk(logs)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        JobSpec spec = JobSpec.defaults();

        TreeSet<String> cliAlerts = new TreeSet<>();
        TreeSet<String> cliIncidents = new TreeSet<>();
        List<Rejection> rejected = new ArrayList<>();
        try (DetectionRun run = new DetectionRun(spec.runConfig(), collect(cliAlerts), closed(cliIncidents))) {
            FileSource.read(run, Input.expand(List.of(logs.toString()), () -> System.in, Instant.now()),
                    IngestOptions.defaults(), rejected::add);
            run.finish();
        }
        assertThat(rejected).isEmpty();
        assertThat(cliAlerts).hasSizeGreaterThan(100);
        assertThat(cliIncidents).hasSizeGreaterThan(10);

        kafka.createTopic("golden", files.size());
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int partition = 0; partition < files.size(); partition++) {
                Path f = files.get(partition);
                long mtime = Files.getLastModifiedTime(f).toMillis();
                for (String line : Files.readAllLines(f)) {
                    p.send(new ProducerRecord<>("golden", partition, mtime, null, line.getBytes()));
                }
            }
        }

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.getConfig().enableObjectReuse();
        EngineSerializers.register(env);
        DataStream<dev.cloudwarden.flink.ingest.Ingested> events = new KafkaEvents(kafka.bootstrapServers(),
                List.of(new TopicBinding("golden", null)), "golden", true, Duration.ofSeconds(5)).read(env, spec);
        DetectionJob.Streams out = DetectionJob.build(spec, events, false);
        DataStream<String> ids = out.alerts().map(a -> "alert " + a.id())
                .union(out.incidents().filter(u -> u.kind() == IncidentUpdate.Kind.CLOSED).map(u -> "incident " + u.incident().id()),
                        out.rejected().map(r -> "rejected " + r.message()),
                        out.late().map(e -> "late " + e.origin()));
        TreeSet<String> jobAlerts = new TreeSet<>();
        TreeSet<String> jobIncidents = new TreeSet<>();
        List<String> other = new ArrayList<>();
        ids.executeAndCollect().forEachRemaining(s -> {
            if (s.startsWith("alert ")) {
                jobAlerts.add(s.substring(6));
            } else if (s.startsWith("incident ")) {
                jobIncidents.add(s.substring(9));
            } else {
                other.add(s);
            }
        });
        assertThat(other).isEmpty();
        assertThat(jobAlerts).isEqualTo(cliAlerts);
        assertThat(jobIncidents).isEqualTo(cliIncidents);
    }

    private static AlertSink collect(TreeSet<String> ids) {
        return new AlertSink() {
            @Override
            public void accept(Alert alert) {
                ids.add(alert.id());
            }
        };
    }

    private static IncidentSink closed(TreeSet<String> ids) {
        return new IncidentSink() {
            @Override
            public void accept(IncidentUpdate u) {
                if (u.kind() == IncidentUpdate.Kind.CLOSED) {
                    ids.add(u.incident().id());
                }
            }

            @Override
            public boolean wantsLiveUpdates() {
                return false;
            }
        };
    }
}
