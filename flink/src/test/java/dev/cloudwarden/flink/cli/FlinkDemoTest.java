package dev.cloudwarden.flink.cli;

import dev.cloudwarden.app.cli.CloudWardenCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code demo --flink}: the demo's logs through the in-JVM broker and the job on a local MiniCluster give the
 * incidents of {@code demo}, with the same ids, and the same score.
 */
class FlinkDemoTest {
    private static final Pattern INCIDENT_ID = Pattern.compile("\"id\":\"([0-9a-f]{32})\"");

    @Test
    void theDemoWithFlinkWritesTheIncidentsOfTheDemo(@TempDir Path dir) throws Exception {
        String plain = demo(dir.resolve("cli"));
        String flink = demo(dir.resolve("flink"), "--flink");
        assertThat(flink).contains("17 of 17 scenarios form exactly one incident").contains("incident precision 1.000");
        assertThat(plain).contains("17 of 17 scenarios form exactly one incident");
        // the simulation starts at the hour: when both ran within one, their logs and so their incidents are the same
        if (Files.readString(dir.resolve("cli/truth.jsonl")).equals(Files.readString(dir.resolve("flink/truth.jsonl")))) {
            assertThat(incidentIds(dir.resolve("flink"))).isEqualTo(incidentIds(dir.resolve("cli")));
        }
    }

    private static String demo(Path out, String... more) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        CommandLine cli = CloudWardenCli.commandLine(stdout, StandardCharsets.UTF_8);
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        List<String> args = new java.util.ArrayList<>(List.of("demo", "--out", out.toString(), "--events", "3000"));
        args.addAll(List.of(more));
        int code = cli.execute(args.toArray(String[]::new));
        assertThat(code).as(err.toString()).isZero();
        return stdout.toString(StandardCharsets.UTF_8);
    }

    private static TreeSet<String> incidentIds(Path out) throws Exception {
        TreeSet<String> ids = new TreeSet<>();
        for (String line : Files.readAllLines(out.resolve("results/incidents.ndjson"))) {
            Matcher m = INCIDENT_ID.matcher(line);
            if (m.find()) {
                ids.add(m.group(1));
            }
        }
        assertThat(ids).hasSize(17);
        return ids;
    }
}
