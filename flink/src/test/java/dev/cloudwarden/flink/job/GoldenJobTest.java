package dev.cloudwarden.flink.job;

import dev.cloudwarden.engine.incident.IncidentUpdate;
import dev.cloudwarden.flink.ingest.TopicBinding;
import dev.cloudwarden.flink.serial.EngineSerializers;
import dev.cloudwarden.flink.testing.DemoDay;
import dev.cloudwarden.flink.testing.SharedKafka;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same input through the CLI's run and through the job gives the same alerts and incidents, by id: the demo's
 * simulated day (every catalog scenario in benign traffic), each log file a partition of one topic, read at
 * parallelism 2.
 */
class GoldenJobTest {
    @Test
    void theJobFindsTheAlertsAndIncidentsOfTheCliRunWithTheSameIds(@TempDir Path dir) throws Exception {
        DemoDay day = DemoDay.write(dir, 3000);
        JobSpec spec = JobSpec.defaults();
        DemoDay.Found cli = day.scan(spec.runConfig());
        assertThat(cli.alerts()).hasSizeGreaterThan(100);
        assertThat(cli.incidents()).hasSizeGreaterThan(10);

        String bootstrap = SharedKafka.get().bootstrapServers();
        SharedKafka.get().createTopic("golden", day.files().size());
        day.produce(bootstrap, "golden", 0, 1);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.getConfig().enableObjectReuse();
        EngineSerializers.register(env);
        KafkaEvents input = new KafkaEvents(bootstrap, List.of(new TopicBinding("golden", null)), "golden", true, null);
        DetectionJob.Streams out = DetectionJob.build(spec, input.read(env, spec), null, false);
        DataStream<String> ids = out.alerts().map(a -> "alert " + a.id())
                .union(out.incidents().filter(u -> u.kind() == IncidentUpdate.Kind.CLOSED)
                                .map(u -> "incident " + u.incident().id()),
                        out.rejected().map(r -> "rejected " + r.message()),
                        out.late().map(e -> "late " + e.origin()));
        TreeSet<String> alerts = new TreeSet<>();
        TreeSet<String> incidents = new TreeSet<>();
        List<String> other = new ArrayList<>();
        ids.executeAndCollect().forEachRemaining(s -> {
            if (s.startsWith("alert ")) {
                alerts.add(s.substring(6));
            } else if (s.startsWith("incident ")) {
                incidents.add(s.substring(9));
            } else {
                other.add(s);
            }
        });
        assertThat(other).isEmpty();
        assertThat(alerts).isEqualTo(cli.alerts().keySet());
        assertThat(incidents).isEqualTo(cli.incidents().keySet());
    }
}
