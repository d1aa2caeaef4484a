package dev.cloudwarden.flink.cli;

import dev.cloudwarden.app.store.TestStores;
import dev.cloudwarden.flink.job.JobSpec;
import dev.cloudwarden.flink.kafka.LocalKafka;
import dev.cloudwarden.flink.testing.DemoDay;
import dev.cloudwarden.flink.testing.SharedKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code flink run --store}: the job upserts its alerts and incidents into PostgreSQL; the store holds the CLI's
 * alerts and incidents, by id, and a second run over the same input (a replay after a failure) leaves it as it was.
 */
class StoreSinkTest {
    @Test
    void theJobUpsertsTheCliAlertsAndIncidentsIntoPostgresqlAndAReplayChangesNothing(@TempDir Path dir) throws Exception {
        String store = TestStores.newPostgresSchema("flink_store");
        try {
            DemoDay day = DemoDay.write(dir.resolve("day"), 2000);
            DemoDay.Found cli = day.scan(JobSpec.defaults().runConfig());
            LocalKafka kafka = SharedKafka.get();
            kafka.createTopic("store-logs", day.files().size());
            day.produce(kafka.bootstrapServers(), "store-logs", 0, 1);

            run(kafka, store, dir.resolve("checkpoints-1"));
            TreeSet<String> alerts = ids(store, "alerts");
            TreeSet<String> incidents = ids(store, "incidents");
            assertThat(alerts).isEqualTo(cli.alerts().keySet());
            assertThat(incidents).isEqualTo(cli.incidents().keySet());

            run(kafka, store, dir.resolve("checkpoints-2"));
            assertThat(ids(store, "alerts")).isEqualTo(alerts);
            assertThat(ids(store, "incidents")).isEqualTo(incidents);
            assertThat(count(store, "SELECT count(*) FROM incident_alerts")).isEqualTo(
                    cli.incidents().values().stream().mapToLong(java.util.List::size).sum());
        } finally {
            TestStores.dropPostgresSchema(store);
        }
    }

    private static void run(LocalKafka kafka, String store, Path checkpoints) {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new FlinkCommand.Run());
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute("--bootstrap-servers", kafka.bootstrapServers(), "--topics", "store-logs", "--bounded",
                "--store", store, "--parallelism", "2", "--checkpoints", checkpoints.toString(),
                "--checkpoint-interval", "PT1S", "--alerts-topic", "store-alerts", "--incidents-topic", "store-incidents",
                "--group-id", "store-test-" + checkpoints.getFileName());
        assertThat(code).as(err.toString()).isZero();
    }

    private static TreeSet<String> ids(String store, String table) throws Exception {
        TreeSet<String> ids = new TreeSet<>();
        try (Connection c = DriverManager.getConnection(store); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT id FROM " + table)) {
            while (r.next()) {
                ids.add(r.getString(1));
            }
        }
        return ids;
    }

    private static long count(String store, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(store); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
