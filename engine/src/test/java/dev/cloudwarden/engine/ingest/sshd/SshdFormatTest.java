package dev.cloudwarden.engine.ingest.sshd;

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

class SshdFormatTest {
    @TempDir
    Path dir;

    @Test
    void authLogGolden() {
        List<Event> events = GoldenFiles.check("sshd/auth.log");
        assertThat(events).hasSize(45).allMatch(e -> e.source() == SourceType.SSHD);

        Event failed = find(events, "Failed password for invalid user admin");
        assertThat(failed.time()).isEqualTo(Instant.parse("2026-03-16T08:12:04Z"));
        assertThat(failed.ocsfClass()).isEqualTo(OcsfClass.AUTHENTICATION);
        assertThat(failed.actor().principal()).isEqualTo("admin");
        assertThat(failed.src().ip()).isEqualTo("203.0.113.7");
        assertThat(failed.src().port()).isEqualTo(4242);
        assertThat(failed.operation().service()).isEqualTo("sshd");
        assertThat(failed.operation().name()).isEqualTo("password");
        assertThat(failed.outcome().status()).isEqualTo(Outcome.Status.FAILURE);
        assertThat(failed.raw().tree().get("invalid_user").asBoolean()).isTrue();
        assertThat(failed.raw().tree().get("pid").asLong()).isEqualTo(2305);
        assertThat(failed.raw().tree().get("host").asText()).isEqualTo("ip-10-0-0-5");

        Event accepted = find(events, "Accepted publickey for ec2-user");
        assertThat(accepted.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(accepted.operation().name()).isEqualTo("publickey");
        assertThat(accepted.raw().tree().get("auth_method").asText()).isEqualTo("publickey");
        assertThat(accepted.raw().tree().get("invalid_user").asBoolean()).isFalse();

        Event keyboard = find(events, "Accepted keyboard-interactive/pam");
        assertThat(keyboard.operation().name()).isEqualTo("keyboard-interactive");
        assertThat(keyboard.raw().tree().get("auth_method").asText()).isEqualTo("keyboard-interactive/pam");

        Event repeated = find(events, "message repeated 5 times");
        assertThat(repeated.operation().name()).isEqualTo("password");
        assertThat(repeated.actor().principal()).isEqualTo("root");

        Event pam = find(events, "rhost=203.0.113.7  user=root");
        assertThat(pam.raw().tree().get("pam_message").asText()).isEqualTo("authentication failure");
        assertThat(pam.raw().tree().get("pam_user").asText()).isEqualTo("root");
        assertThat(pam.raw().tree().get("pam_rhost").asText()).isEqualTo("203.0.113.7");
        assertThat(pam.operation().name()).isEqualTo("authentication_failure");
        assertThat(pam.src().ip()).isEqualTo("203.0.113.7");

        Event sudo = find(events, "COMMAND=/usr/bin/curl");
        assertThat(sudo.ocsfClass()).isEqualTo(OcsfClass.BASE_EVENT);
        assertThat(sudo.operation().service()).isEqualTo("sudo");
        assertThat(sudo.operation().name()).isEqualTo("command");
        assertThat(sudo.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(sudo.raw().tree().get("USER").asText()).isEqualTo("root");
        assertThat(sudo.raw().tree().get("COMMAND").asText()).startsWith("/usr/bin/curl -s");
        assertThat(sudo.logSource().service()).isEqualTo("sudo");
        assertThat(sudo.raw().tree().get("program").asText()).isEqualTo("sudo");
        assertThat(sudo.raw().tree().has("pid")).isFalse();

        Event kernel = find(events, "[UFW BLOCK]");
        assertThat(kernel.time()).isEqualTo(Instant.parse("2026-03-06T09:00:00Z"));
        assertThat(kernel.logSource().service()).isEqualTo("syslog");

        assertThat(find(events, "kex_exchange_identification").operation().name()).isEqualTo("kex_failure");
        assertThat(find(events, "Connection closed by authenticating user ubuntu").outcome().status())
                .isEqualTo(Outcome.Status.FAILURE);
        assertThat(find(events, "Connection closed by 198.51.100.23").outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(find(events, "Disconnecting authenticating user root").actor().principal()).isEqualTo("root");
        assertThat(find(events, "Did not receive identification").src().ip()).isEqualTo("192.0.2.44");
    }

    @Test
    void rsyslogHighPrecisionGolden() {
        List<Event> events = GoldenFiles.check("sshd/rsyslog-iso.log");
        assertThat(events).hasSize(8);
        assertThat(events.get(0).time()).isEqualTo(Instant.parse("2024-03-16T08:12:04.123456Z"));
        Event connection = find(events, "Connection from 203.0.113.7");
        assertThat(connection.operation().name()).isEqualTo("connect");
        assertThat(connection.src().port()).isEqualTo(55100);
        assertThat(find(events, "banner exchange").src().ip()).isEqualTo("192.0.2.80");
    }

    @Test
    void journalctlGolden() {
        List<Event> events = GoldenFiles.check("sshd/journalctl.log");
        assertThat(events).hasSize(7);
        // No year in the lines: December's fall in the year before the reference time, January's in its year.
        assertThat(events.get(0).time()).isEqualTo(Instant.parse("2025-12-31T23:58:40Z"));
        assertThat(events.get(3).time()).isEqualTo(Instant.parse("2026-01-01T00:01:02Z"));
        assertThat(find(events, "input_userauth_request").actor().principal()).isEqualTo("pi");
        Event older = find(events, "Invalid user pi from 192.0.2.15");
        assertThat(older.src().ip()).isEqualTo("192.0.2.15");
        assertThat(older.src().port()).isNull();
    }

    @Test
    void journalctlIsoGolden() {
        List<Event> events = GoldenFiles.check("sshd/journalctl-iso.log");
        Event accepted = events.get(0);
        assertThat(accepted.raw().tree().get("program").asText()).isEqualTo("sshd-session");
        assertThat(accepted.src().ip()).isEqualTo("2001:db8::7");
        assertThat(accepted.outcome()).isEqualTo(Outcome.SUCCESS);
        Event received = find(events, "Received disconnect");
        assertThat(received.src().ip()).isEqualTo("2001:db8::7");
        assertThat(received.src().port()).isEqualTo(61022);
    }

    @Test
    void syslogVariantsGolden() {
        // RFC 5424 with and without PRI, RFC 3339 with an offset, unpadded and padded days, PRI before a BSD line;
        // sshd-session and sshd-auth; IPv6 sources with and without a port; a host name as PAM's rhost
        List<Event> events = GoldenFiles.check("sshd/syslog-variants.log");
        assertThat(events).extracting(e -> e.raw().tree().get("program").asText())
                .containsExactly("sshd-session", "sshd-session", "sshd-auth", "sshd-session", "sshd", "sshd");
        assertThat(events).extracting(Event::time).containsExactly(Instant.parse("2026-02-07T10:00:00.123Z"),
                Instant.parse("2026-02-07T10:00:01Z"), Instant.parse("2026-02-07T10:00:02.123456Z"),
                Instant.parse("2026-02-07T10:00:03Z"), Instant.parse("2026-02-07T10:00:04Z"), Instant.parse("2026-02-07T10:00:05Z"));
        assertThat(events).allMatch(e -> e.outcome().status() == Outcome.Status.FAILURE);
        assertThat(events).extracting(e -> e.src().ip()).containsExactly("2001:db8::1", "2001:db8::1", "2001:db8::1",
                "2001:db8::1", "198.51.100.9", null);
        assertThat(events).extracting(e -> e.src().port()).containsExactly(50022, 50022, null, 50023, null, null);
        assertThat(events).extracting(e -> e.actor().principal()).containsExactly("admin", "admin", "root", "root", "root", null);
        assertThat(events.get(5).src().host()).isEqualTo("scanner.example.net");
        assertThat(events.get(0).raw().tree().get("pid").asLong()).isEqualTo(4101);
    }

    @Test
    void malformedLineIsRejectedWithItsReasonAndTheNextLinesStillParse() throws IOException {
        Path file = write("""
                Mar 16 08:12:04 ip-10-0-0-5 sshd[1234]: Accepted password for ubuntu from 203.0.113.7 port 4301 ssh2
                Foo 99 08:12:04 ip-10-0-0-5 sshd[1234]: Failed password for root from 203.0.113.7 port 4242 ssh2
                Mar 16 08:12:05 ip-10-0-0-5 sshd[1234]: Failed password for root from 203.0.113.7 port 4243 ssh2
                Mar 16
                Mar 16 08:12:06 ip-10-0-0-5 sshd[1234]: Invalid user x from 203.0.113.7 port 4244
                """);
        GoldenFiles.Collected c = GoldenFiles.read(file, IngestOptions.defaults());
        assertThat(c.events).hasSize(3);
        assertThat(c.rejections).hasSize(2);
        assertThat(c.rejections.get(0).reason()).isEqualTo("timestamp 'Foo 99 08:12:04' is not a syslog time "
                + "(expected e.g. 'Mar 16 08:12:04' or '2024-03-16T08:12:04+00:00')");
        assertThat(c.rejections.get(0).origin().line()).isEqualTo(2);
        assertThat(c.rejections.get(1).reason()).startsWith("timestamp 'Mar 16' is not a syslog time");
    }

    @Test
    void impossibleDateIsRejected() throws IOException {
        Path file = write("""
                Mar 16 08:12:04 host sshd[1]: Server listening on 0.0.0.0 port 22.
                Feb 30 08:12:04 host sshd[1]: Server listening on 0.0.0.0 port 22.
                """);
        GoldenFiles.Collected c = GoldenFiles.read(file, IngestOptions.defaults());
        assertThat(c.events).hasSize(1);
        assertThat(c.rejections.get(0).reason()).contains("'Feb 30 08:12:04' is not a syslog time");
    }

    @Test
    void autodetectionPicksSshdForSyslogButNotForDockerdLines() {
        SshdFormat format = new SshdFormat();
        assertThat(format.recognizes("Mar 16 08:12:04 ip-10-0-0-5 CRON[2210]: (root) CMD (true)")).isTrue();
        assertThat(format.recognizes("2024-03-16T08:12:04.123456+00:00 host sshd[1234]: Invalid user x from 1.2.3.4")).isTrue();
        assertThat(format.recognizes("-- Logs begin at Sun 2025-12-28 10:02:11 UTC, end at Thu 2026-01-01 00:05:09 UTC. --")).isTrue();
        assertThat(format.recognizes("Oct 15 09:15:11 host dockerd[1234]: time=\"2019-10-15T09:15:11Z\" level=info msg=x")).isFalse();
        assertThat(format.recognizes("2019-06-05 12:34:56 1hYXXX-0001Xx-Ab <= a@example.com")).isFalse();
        assertThat(format.recognizes("Mar 16 08:12:04 host no tag here")).isFalse();
    }

    @Test
    void dockerdLinesInASyslogFileBecomeDockerEvents() throws IOException {
        Path file = write("""
                Mar 16 08:12:04 host sshd[1234]: Accepted password for ubuntu from 203.0.113.7 port 4301 ssh2
                Mar 16 08:12:09 host dockerd[812]: time="2026-03-16T08:12:09.1Z" level=debug msg="Calling POST /v1.43/containers/create"
                """);
        GoldenFiles.Collected c = GoldenFiles.read(file, IngestOptions.defaults());
        assertThat(c.rejections).isEmpty();
        assertThat(c.events).extracting(Event::source).containsExactly(SourceType.SSHD, SourceType.DOCKER);
        assertThat(c.events.get(1).operation().name()).isEqualTo("POST /containers/create");
    }

    private Path write(String content) throws IOException {
        return Files.writeString(dir.resolve("auth.log"), content);
    }

    private static Event find(List<Event> events, String text) {
        return events.stream().filter(e -> e.raw().text().contains(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no event with '" + text + "'"));
    }
}
