package dev.cloudwarden.flink.testing;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.incident.IncidentUpdate;
import dev.cloudwarden.engine.ingest.IngestOptions;
import dev.cloudwarden.engine.ingest.Rejection;
import dev.cloudwarden.engine.ingest.read.Input;
import dev.cloudwarden.engine.run.AlertSink;
import dev.cloudwarden.engine.run.DetectionRun;
import dev.cloudwarden.engine.run.FileSource;
import dev.cloudwarden.engine.run.IncidentSink;
import dev.cloudwarden.engine.run.RunConfig;
import dev.cloudwarden.simulate.Simulation;
import dev.cloudwarden.simulate.write.SimulationWriter;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Log files as test input (the demo's simulated day, every catalog scenario in benign traffic, or real logs): what
 * the CLI's run finds in them, and the files' lines produced to Kafka, each file a partition of one topic.
 */
public final class DemoDay {
    public static final Instant START = Instant.parse("2026-11-01T00:00:00Z");

    private final Path logs;
    private final List<Path> files;

    private DemoDay(Path logs, List<Path> files) {
        this.logs = logs;
        this.files = files;
    }

    public static DemoDay write(Path dir, long backgroundEvents) throws IOException {
        new Simulation(42, START, Duration.ofHours(24)).write(dir, Simulation.allScenarios(), backgroundEvents);
        return of(dir.resolve(SimulationWriter.LOGS));
    }

    /** Any folder of line-based log files, each to be a partition. */
    public static DemoDay of(Path logs) throws IOException {
        try (Stream<Path> s = Files.walk(logs)) {
            return new DemoDay(logs, s.filter(Files::isRegularFile).sorted().toList());
        }
    }

    public List<Path> files() {
        return files;
    }

    public Path logs() {
        return logs;
    }

    /** What the CLI's run finds: alerts by id and closed incidents by id (with their alert ids). */
    public record Found(TreeMap<String, Alert> alerts, TreeMap<String, List<String>> incidents) {
    }

    /** The CLI's run over the logs (and any extra inputs), to its end. */
    public Found scan(RunConfig config, Path... extra) throws IOException {
        Found found = new Found(new TreeMap<>(), new TreeMap<>());
        List<Rejection> rejected = new ArrayList<>();
        List<String> inputs = new ArrayList<>(List.of(logs.toString()));
        Stream.of(extra).map(Path::toString).forEach(inputs::add);
        try (DetectionRun run = new DetectionRun(config, alert -> found.alerts().put(alert.id(), alert), new IncidentSink() {
            @Override
            public void accept(IncidentUpdate u) {
                if (u.kind() == IncidentUpdate.Kind.CLOSED) {
                    found.incidents().put(u.incident().id(), u.incident().alerts().stream().map(Alert::id).toList());
                }
            }

            @Override
            public boolean wantsLiveUpdates() {
                return false;
            }
        })) {
            FileSource.read(run, Input.expand(inputs, () -> System.in, Instant.now()), IngestOptions.defaults(),
                    rejected::add);
            run.finish();
        }
        if (!rejected.isEmpty()) {
            throw new IllegalStateException("the CLI rejected lines: " + rejected.get(0).message());
        }
        return found;
    }

    /**
     * Produces each file's lines {@code [from, to)} (as fractions of its length) to its partition of {@code topic},
     * stamped with the file's modification time (what the CLI reads a year-less syslog time against).
     */
    public void produce(String bootstrap, String topic, double from, double to) throws Exception {
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
                "enable.idempotence", "true"), new ByteArraySerializer(), new ByteArraySerializer())) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (int partition = 0; partition < files.size(); partition++) {
                Path f = files.get(partition);
                long mtime = Files.getLastModifiedTime(f).toMillis();
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                for (String line : lines.subList((int) (lines.size() * from), (int) (lines.size() * to))) {
                    sent.add(p.send(new ProducerRecord<>(topic, partition, mtime, null, line.getBytes(StandardCharsets.UTF_8))));
                }
            }
            p.flush();
            for (java.util.concurrent.Future<?> s : sent) {
                s.get(); // a record that failed fails the test here, not as a puzzling difference later
            }
        }
    }

    /** Every alert of {@code found} dated before {@code time}. */
    public static Map<String, Alert> before(Map<String, Alert> alerts, Instant time) {
        Map<String, Alert> out = new TreeMap<>();
        alerts.forEach((id, a) -> {
            if (a.time().isBefore(time)) {
                out.put(id, a);
            }
        });
        return out;
    }
}
