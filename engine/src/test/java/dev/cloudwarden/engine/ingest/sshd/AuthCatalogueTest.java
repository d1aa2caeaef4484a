package dev.cloudwarden.engine.ingest.sshd;

import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.Outcome;
import dev.cloudwarden.engine.ingest.GoldenFiles;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * The catalogue, one golden line per message of OpenSSH, PAM, sudo, su and cron ({@code golden/sshd/catalogue.log}),
 * each checked against its row of {@code catalogue.log.fields}: operation, outcome, user, source address and port,
 * and method, written by hand from the producers' sources (not from the parser's output).
 */
class AuthCatalogueTest {
    @Test
    void everyCataloguedMessageReadsAsItsProducerMeantIt() throws IOException {
        List<Event> events = GoldenFiles.check("sshd/catalogue.log");
        List<String> rows = Files.readAllLines(GoldenFiles.resource("sshd/catalogue.log.fields")).stream()
                .filter(l -> !l.startsWith("#")).toList();
        assertThat(events).hasSameSizeAs(rows);
        assertSoftly(soft -> {
            for (int i = 0; i < rows.size(); i++) {
                String[] f = rows.get(i).split("\\|", -1);
                Event e = events.get(i);
                String what = "line " + (i + 1) + ": " + e.raw().tree().get("message").asText();
                soft.assertThat(e.operation().name()).as(what).isEqualTo(f[0]);
                soft.assertThat(e.outcome().status()).as(what).isEqualTo(Outcome.Status.valueOf(f[1].toUpperCase(Locale.ROOT)));
                soft.assertThat(e.actor().principal()).as(what).isEqualTo(blank(f[2]));
                soft.assertThat(e.src().ip()).as(what).isEqualTo(blank(f[3]));
                soft.assertThat(e.src().port()).as(what).isEqualTo(f[4].isEmpty() ? null : Integer.valueOf(f[4]));
                soft.assertThat(e.raw().tree().path("auth_method").textValue()).as(what).isEqualTo(blank(f[5]));
            }
        });
    }

    @Test
    void hostNamesAreSourceHostsNotAddresses() {
        List<Event> events = GoldenFiles.check("sshd/catalogue.log");
        Event notAllowed = find(events, "User bob from scanner.example.net");
        assertThat(notAllowed.src().ip()).isNull();
        assertThat(notAllowed.src().host()).isEqualTo("scanner.example.net");
        assertThat(notAllowed.raw().tree().get("src_host").asText()).isEqualTo("scanner.example.net");
        Event pam = find(events, "rhost=ec2-52-80-34-196");
        assertThat(pam.src().host()).isEqualTo("ec2-52-80-34-196.cn-north-1.compute.amazonaws.com.cn");
        assertThat(pam.raw().tree().get("pam_rhost").asText()).isEqualTo("ec2-52-80-34-196.cn-north-1.compute.amazonaws.com.cn");
    }

    @Test
    void invalidUsersAreMarked() {
        List<Event> events = GoldenFiles.check("sshd/catalogue.log");
        assertThat(find(events, "Invalid user admin").raw().tree().get("invalid_user").asBoolean()).isTrue();
        assertThat(find(events, "Failed password for invalid user foo bar").raw().tree().get("invalid_user").asBoolean()).isTrue();
        assertThat(find(events, "Failed password for root").raw().tree().get("invalid_user").asBoolean()).isFalse();
        assertThat(find(events, "Disconnecting invalid user admin").raw().tree().get("invalid_user").asBoolean()).isTrue();
        assertThat(find(events, "Disconnecting authenticating user root").raw().tree().get("invalid_user").asBoolean()).isFalse();
    }

    @Test
    void sudoSuAndCronFieldsAreKeptUnderTheirOwnNames() {
        List<Event> events = GoldenFiles.check("sshd/catalogue.log");
        Event env = find(events, "ENV=LD_PRELOAD");
        assertThat(env.raw().tree().get("ENV").asText()).isEqualTo("LD_PRELOAD=/tmp/x.so");
        assertThat(env.raw().tree().get("COMMAND").asText()).isEqualTo("/bin/sh -c echo a ; id");
        assertThat(env.logSource().service()).isEqualTo("sudo");
        Event cve = find(events, "USER=#-1");
        assertThat(cve.raw().tree().get("USER").asText()).isEqualTo("#-1");
        Event refused = find(events, "3 incorrect password attempts");
        assertThat(refused.raw().tree().get("reason").asText()).isEqualTo("3 incorrect password attempts");
        Event su = find(events, "FAILED SU (to root) ubuntu");
        assertThat(su.raw().tree().get("target_user").asText()).isEqualTo("root");
        assertThat(su.raw().tree().get("tty").asText()).isEqualTo("pts/0");
        Event cron = find(events, "run-parts --report");
        assertThat(cron.raw().tree().get("command").asText()).isEqualTo("cd / && run-parts --report /etc/cron.hourly");
        assertThat(cron.logSource().service()).isEqualTo("cron");
        assertThat(find(events, "(CRON) INFO").actor().principal()).isNull();
    }

    private static String blank(String s) {
        return s.isEmpty() ? null : s;
    }

    private static Event find(List<Event> events, String text) {
        return events.stream().filter(e -> e.raw().text().contains(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no event with '" + text + "'"));
    }
}
