package dev.cloudwarden.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.engine.event.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code scan --archive} keeps events; {@code hunt} queries them, with SQL or a rule. */
class HuntCommandTest {
    private static final Path TRAIL = Path.of("../engine/src/test/resources/golden/cloudtrail/stratus-aws.persistence.iam-create-admin-user.json");

    @TempDir
    Path dir;

    /** Scans the trail into {@code store}, its events kept in the archive beside it (for ever: the trail is old). */
    private static CliRun scanIntoArchive(Path store) {
        CliRun scan = CliRun.of("scan", "--no-intel", "--format", "json", "--store", store.toString(), "--archive",
                "--retain", "36500d", TRAIL.toString());
        assertThat(scan.exitCode()).as(scan.err()).isIn(0, 1);
        return scan;
    }

    @Test
    void scanArchivesAndHuntAnswers() throws Exception {
        Path store = dir.resolve("store.duckdb");
        assertThat(scanIntoArchive(store).err()).contains("events archived to " + store.toAbsolutePath() + ".events");
        long events = Files.readAllLines(Path.of(TRAIL + ".expected.ndjson")).stream().filter(l -> !l.isBlank()).count();

        CliRun hunt = CliRun.of("hunt", "--store", store.toString(), "--format", "json",
                "SELECT count(*) AS n, count(DISTINCT (raw->>'eventName')) AS names FROM events");
        assertThat(hunt.exitCode()).as(hunt.err()).isZero();
        JsonNode result = Json.MAPPER.readTree(hunt.out());
        assertThat(result.get("rows").get(0).get(0).asLong()).isEqualTo(events);

        CliRun again = CliRun.of("scan", "--no-intel", "--format", "json", "--store", store.toString(), "--archive", TRAIL.toString());
        assertThat(again.exitCode()).isIn(0, 1);
        CliRun recount = CliRun.of("hunt", "--store", store.toString(), "--format", "csv", "SELECT count(*) AS n FROM events");
        assertThat(recount.out()).isEqualTo("n\r\n" + events + "\r\n"); // a rescan of the same file is not counted twice
    }

    @Test
    void aHuntSavedFromTheCommandLineRunsAgainByName() throws Exception {
        Path store = dir.resolve("store.duckdb");
        scanIntoArchive(store);
        CliRun save = CliRun.of("hunt", "--store", store.toString(), "--format", "csv", "--save", "users-created",
                "SELECT count(*) AS n FROM events WHERE (raw->>'eventName') = 'CreateUser'");
        assertThat(save.exitCode()).as(save.err()).isZero();
        CliRun again = CliRun.of("hunt", "--store", store.toString(), "--format", "csv", "--saved", "users-created");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).isEqualTo(save.out()).isNotEqualTo("n\r\n0\r\n");

        CliRun refused = CliRun.of("hunt", "--store", store.toString(), "--save", "wipe", "DELETE FROM events");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(CliRun.of("hunt", "--store", store.toString(), "--saved", "wipe").err())
                .contains("no saved hunt named 'wipe'"); // a hunt that cannot run is never saved
        assertThat(CliRun.of("hunt", "--store", store.toString(), "--saved", "x", "SELECT 1").exitCode()).isEqualTo(2);
    }

    @Test
    void huntRuleListsTheMatches() throws Exception {
        Path events = dir.resolve("ev");
        CliRun scan = CliRun.of("scan", "--no-intel", "--format", "json", "--archive", "--events", events.toString(),
                "--store", dir.resolve("s.duckdb").toString(), TRAIL.toString());
        assertThat(scan.exitCode()).as(scan.err()).isIn(0, 1);
        Path rule = dir.resolve("rule.yml");
        Files.writeString(rule, """
                title: users created
                id: 6b5a2a4e-5c8e-4b0b-9b7e-3f1a9f0c1d01
                logsource: {product: aws, service: cloudtrail}
                detection: {sel: {eventName: CreateUser}, condition: sel}
                level: high
                """);
        CliRun hunt = CliRun.of("hunt", "--events", events.toString(), "--store", dir.resolve("s.duckdb").toString(),
                "--format", "json", "--rule", rule.toString());
        assertThat(hunt.exitCode()).as(hunt.err()).isZero();
        JsonNode result = Json.MAPPER.readTree(hunt.out());
        assertThat(result.get("columns").toString()).startsWith("[\"rule\",\"title\",\"time\",\"source\",\"class\",\"principal\",\"src_ip\",\"operation\"");
        JsonNode rows = result.get("rows");
        assertThat(rows.size()).isPositive();
        assertThat(rows.get(0).get(0).asText()).isEqualTo("6b5a2a4e-5c8e-4b0b-9b7e-3f1a9f0c1d01");
        assertThat(rows.get(0).get(7).asText()).isEqualTo("CreateUser");
    }

    @Test
    void aBadQueryExitsTwoWithDuckDbsMessage() {
        CliRun hunt = CliRun.of("hunt", "--store", dir.resolve("none.duckdb").toString(), "--events", dir.toString(),
                "SELECT * FROM nowhere");
        assertThat(hunt.exitCode()).isEqualTo(CloudWardenCli.EXIT_USAGE);
        assertThat(hunt.err()).contains("hunt bad query: ").contains("nowhere");
        CliRun refused = CliRun.of("hunt", "--store", dir.resolve("none.duckdb").toString(), "COPY events TO '/tmp/x.csv'");
        assertThat(refused.exitCode()).isEqualTo(CloudWardenCli.EXIT_USAGE);
        assertThat(refused.err()).contains("hunt refused: ");
        CliRun both = CliRun.of("hunt", "--rule", "x.yml", "SELECT 1");
        assertThat(both.exitCode()).isEqualTo(CloudWardenCli.EXIT_USAGE);
        assertThat(both.err()).contains("give one of: a SQL query, --rule FILE, --saved NAME");
    }

    @Test
    void theTimeoutTakesShortDurations() {
        CliRun hunt = CliRun.of("hunt", "--store", dir.resolve("none.duckdb").toString(), "--timeout", "300ms",
                "SELECT count(*) FROM range(100000000000) t(x) WHERE x % 7 = 3");
        assertThat(hunt.exitCode()).isEqualTo(CloudWardenCli.EXIT_USAGE);
        assertThat(hunt.err()).contains("hunt timeout: the hunt ran longer than 0.3s");
    }
}
