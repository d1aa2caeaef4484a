package dev.cloudwarden.app.intel;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudwarden.engine.intel.IocType;
import dev.cloudwarden.engine.intel.export.Observable;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IncidentObservablesTest {
    static final String INCIDENT = """
            {"id":"inc1","severity":"high","score":70,"first":"2024-03-01T10:00:00Z","last":"2024-03-01T11:00:00Z",
             "initial_access":["T2"],"actions":["A3"],"malware":["M2"],"motive":"financial","techniques":["T1496"],
             "entities":["principal:arn:aws:iam::1:user/a","access-key:AKIAIOSFODNN7EXAMPLE","ip:10.0.2.20","ip:100.64.1.1",
                         "ip:169.254.169.254","ip:203.0.113.7","ip:::ffff:198.51.100.9","host:ip-10-0-2-20"],
             "alerts":[
               {"id":"a1","rule":"Threat intel: domain eu.pool.example listed by starter:mining-pools.txt","time":"2024-03-01T10:05:00Z"},
               {"id":"a2","rule":"Threat intel: domain eu.pool.example listed by starter:mining-pools.txt","time":"2024-03-01T10:50:00Z"},
               {"id":"a3","rule":"Threat intel: user-agent curl/7.1? listed by x","time":"2024-03-01T10:06:00Z"},
               {"id":"a4","rule":"Cryptomining pool connection","time":"2024-03-01T10:07:00Z"}]}""";

    static List<Observable> of(boolean keys) throws IOException {
        return IncidentObservables.of(new ObjectMapper().readTree(INCIDENT), keys);
    }

    @Test
    void intel_values_are_counted_per_alert_and_public_addresses_per_incident() throws IOException {
        List<Observable> o = of(false);
        assertThat(o).extracting(Observable::value)
                .containsExactly("eu.pool.example", "203.0.113.7", "198.51.100.9");
        Observable pool = o.get(0);
        assertThat(pool.type()).isEqualTo(IocType.DOMAIN);
        assertThat(pool.count()).isEqualTo(2);
        assertThat(pool.firstSeen()).isEqualTo(Instant.parse("2024-03-01T10:05:00Z"));
        assertThat(pool.lastSeen()).isEqualTo(Instant.parse("2024-03-01T10:50:00Z"));
        assertThat(pool.labels()).containsExactly("attack.t1496", "cloudwarden.t2", "cloudwarden.a3", "cloudwarden.m2");
        assertThat(pool.incidentTitle()).startsWith("CloudWarden incident inc1 (high; attack.t1496");
        assertThat(o.get(1).count()).isEqualTo(4);
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
                .hasMessage("not an incident: 'first' is not a time");
    }
}
