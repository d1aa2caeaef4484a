package dev.cloudwarden.app.intel;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.alert.Level;
import dev.cloudwarden.engine.event.Endpoint;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.engine.event.RawRecord;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.incident.Entity;
import dev.cloudwarden.engine.incident.EntityType;
import dev.cloudwarden.engine.incident.Incident;
import dev.cloudwarden.engine.incident.IncidentCodec;
import dev.cloudwarden.engine.incident.IncidentUpdate;
import dev.cloudwarden.engine.intel.IocType;
import dev.cloudwarden.engine.intel.export.Observable;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IncidentObservablesTest {
    private static final Instant T = Instant.parse("2024-03-01T10:00:00Z");

    /** An event of a host's DNS query (its own entities do not matter here: the incident lists them). */
    private static Event dns(int minute) {
        return Event.builder(SourceType.ROUTE53_RESOLVER, T.plusSeconds(60L * minute),
                        RawRecord.ofTree(Json.NODES.objectNode().put("n", minute)))
                .src(Endpoint.ip("10.0.2.20")).dst(new Endpoint(null, null, "eu.pool.example")).build();
    }

    private static Alert intel(String id, int minute, String type, String value) {
        return new Alert(id.repeat(32).substring(0, 32), "cloudwarden.intel." + type, "Threat intel: " + type + " "
                + value + " listed by x", Level.HIGH, T.plusSeconds(60L * minute), List.of("attack.t1496", "cloudwarden.a3"),
                List.of(dns(minute)), List.of(new dev.cloudwarden.engine.alert.Observable(type, value,
                dev.cloudwarden.engine.alert.Observable.MATCHED)), null);
    }

    /** An incident as scan --incidents writes it: two intel alerts on the pool, one on a user agent, one rule. */
    static final String INCIDENT = write(Incident.of(List.of(
            intel("a", 5, "domain", "eu.pool.example"), intel("b", 50, "domain", "eu.pool.example"),
            intel("c", 6, "user-agent", "curl/7.1\u0007"),
            new Alert("d".repeat(32), "r", "Cryptomining pool connection", Level.HIGH, T.plusSeconds(420),
                    List.of("attack.t1496", "cloudwarden.t2", "cloudwarden.m2"), List.of(dns(7)))),
            List.of(new Entity(EntityType.PRINCIPAL, "arn:aws:iam::1:user/a"),
                    new Entity(EntityType.ACCESS_KEY, "AKIAIOSFODNN7EXAMPLE"), new Entity(EntityType.IP, "10.0.2.20"),
                    new Entity(EntityType.IP, "100.64.1.1"), new Entity(EntityType.IP, "169.254.169.254"),
                    new Entity(EntityType.IP, "203.0.113.7"), new Entity(EntityType.IP, "::ffff:198.51.100.9"),
                    new Entity(EntityType.HOST, "ip-10-0-2-20"))));

    private static String write(Incident incident) {
        try {
            StringWriter w = new StringWriter();
            try (JsonGenerator g = Json.FACTORY.createGenerator(w)) {
                IncidentCodec.write(IncidentUpdate.of(IncidentUpdate.Kind.CLOSED, incident), g, false);
            }
            return w.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Observable> of(boolean keys) throws IOException {
        return IncidentObservables.of(new ObjectMapper().readTree(INCIDENT), keys);
    }

    @Test
    void intel_values_are_counted_per_alert_and_public_addresses_per_incident() throws IOException {
        List<Observable> o = of(false);
        // the user agent is matched as logged (with its control character) and shared as such
        assertThat(o).extracting(Observable::value)
                .containsExactly("eu.pool.example", "curl/7.1\u0007", "203.0.113.7", "198.51.100.9");
        Observable pool = o.get(0);
        assertThat(pool.type()).isEqualTo(IocType.DOMAIN);
        assertThat(pool.count()).isEqualTo(2);
        assertThat(pool.firstSeen()).isEqualTo(Instant.parse("2024-03-01T10:05:00Z"));
        assertThat(pool.lastSeen()).isEqualTo(Instant.parse("2024-03-01T10:50:00Z"));
        assertThat(pool.labels()).containsExactly("attack.t1496", "cloudwarden.t2", "cloudwarden.a3", "cloudwarden.m2");
        assertThat(pool.incidentTitle()).startsWith("CloudWarden incident " + Incident.idOf("a".repeat(32)) + " (")
                .contains("attack.t1496");
        assertThat(o.get(2).count()).isEqualTo(4);
    }

    @Test
    void access_keys_only_when_asked() throws IOException {
        assertThat(of(true)).extracting(Observable::value).contains("AKIAIOSFODNN7EXAMPLE");
        assertThat(of(false)).extracting(Observable::value).doesNotContain("AKIAIOSFODNN7EXAMPLE");
    }

    @Test
    void private_and_special_addresses_are_never_shared() {
        assertThat(IncidentObservables.isPublic("10.0.2.20")).isFalse();
        assertThat(IncidentObservables.isPublic("192.168.1.1")).isFalse();
        assertThat(IncidentObservables.isPublic("100.64.1.1")).isFalse();
        assertThat(IncidentObservables.isPublic("169.254.169.254")).isFalse();
        assertThat(IncidentObservables.isPublic("127.0.0.1")).isFalse();
        assertThat(IncidentObservables.isPublic("fe80::1")).isFalse();
        assertThat(IncidentObservables.isPublic("fd00::1")).isFalse();
        assertThat(IncidentObservables.isPublic("203.0.113.7")).isTrue();
        assertThat(IncidentObservables.isPublic("2001:4860::8888")).isTrue();
    }

    @Test
    void a_line_that_is_not_an_incident_says_why() {
        assertThatThrownBy(() -> IncidentObservables.of(new ObjectMapper().readTree("{\"id\":\"x\",\"first\":\"soon\"}"), false))
                .hasMessage("not an incident (no \"schema\": \"cloudwarden.incident/1\")");
    }
}
