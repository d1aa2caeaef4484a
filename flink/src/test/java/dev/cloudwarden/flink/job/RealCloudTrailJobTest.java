package dev.cloudwarden.flink.job;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.engine.incident.IncidentUpdate;
import dev.cloudwarden.flink.ingest.TopicBinding;
import dev.cloudwarden.flink.serial.EngineSerializers;
import dev.cloudwarden.flink.testing.DemoDay;
import dev.cloudwarden.flink.testing.SharedKafka;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real CloudTrail, not simulated: the CloudTrail Stratus Red Team recorded while detonating its AWS attack
 * techniques (test resources, Apache-2.0), one technique a partition, records in the order CloudTrail delivers them
 * (by event time). The job finds the alerts and incidents of the CLI's run, with the same ids.
 */
class RealCloudTrailJobTest {
    private static final String DIR = "/datasets/stratus-red-team";
    private static final Comparator<JsonNode> BY_TIME = Comparator.comparing(r -> r.path("eventTime").asText());

    @Test
    void theJobFindsTheCliAlertsInRealDetonationLogs(@TempDir Path dir) throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        List<Path> techniques;
        try (Stream<Path> s = Files.list(Path.of(RealCloudTrailJobTest.class.getResource(DIR).toURI()))) {
            techniques = s.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        for (Path t : techniques) {
            List<JsonNode> records = new ArrayList<>();
            Json.MAPPER.readTree(t.toFile()).forEach(records::add);
            records.sort(BY_TIME);
            Files.write(logs.resolve(t.getFileName().toString().replace(".json", ".jsonl")),
                    records.stream().map(JsonNode::toString).toList(), StandardCharsets.UTF_8);
        }
        // the CLI reads the same folder: a file per technique, each in its own lane (the detonations lie years apart)
        DemoDay real = DemoDay.of(logs);
        assertThat(real.files()).hasSizeGreaterThan(16); // more than a folder reads apart among many inputs
        JobSpec spec = JobSpec.defaults();
        DemoDay.Found cli = real.scan(spec.runConfig());
        assertThat(cli.alerts()).hasSizeGreaterThan(10);

        String bootstrap = SharedKafka.get().bootstrapServers();
        SharedKafka.get().createTopic("stratus", real.files().size());
        real.produce(bootstrap, "stratus", 0, 1);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.getConfig().enableObjectReuse();
        EngineSerializers.register(env);
        KafkaEvents input = new KafkaEvents(bootstrap, List.of(new TopicBinding("stratus", null)), "stratus", true, null);
        DetectionJob.Streams out = DetectionJob.build(spec, input.read(env, spec), null, false);
        DataStream<String> ids = out.alerts().map(a -> "alert " + a.id())
                .union(out.incidents().filter(u -> u.kind() == IncidentUpdate.Kind.CLOSED)
                        .map(u -> "incident " + u.incident().id()), out.rejected().map(r -> "rejected " + r.message()));
        TreeSet<String> alerts = new TreeSet<>();
        TreeSet<String> incidents = new TreeSet<>();
        List<String> rejected = new ArrayList<>();
        ids.executeAndCollect().forEachRemaining(s -> {
            if (s.startsWith("alert ")) {
                alerts.add(s.substring(6));
            } else if (s.startsWith("incident ")) {
                incidents.add(s.substring(9));
            } else {
                rejected.add(s);
            }
        });
        assertThat(rejected).isEmpty();
        assertThat(alerts).isEqualTo(cli.alerts().keySet());
        assertThat(incidents).isEqualTo(cli.incidents().keySet());
    }
}
