package dev.cloudwarden.engine.incident;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.alert.Level;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.cloudwarden.engine.incident.TestAlerts.alert;
import static org.assertj.core.api.Assertions.assertThat;

class IncidentContentTest {
    private static final String IP = "203.0.113.5";

    private static Incident one(Alert... alerts) {
        List<Incident> incidents = IncidentBuilder.build(List.of(alerts), IncidentOptions.defaults());
        assertThat(incidents).hasSize(1);
        return incidents.get(0);
    }

    @Test
    void alertsFollowTheKillChainThenTime() {
        Incident i = one(
                alert("impact").at(0).srcIp(IP).tags("attack.impact", "attack.t1486").build(),
                alert("untagged").at(1).srcIp(IP).build(),
                alert("exfil").at(2).srcIp(IP).tags("attack.exfiltration").build(),
                alert("entry-late").at(9).srcIp(IP).tags("attack.initial_access").build(),
                alert("entry").at(3).srcIp(IP).tags("attack.initial-access", "attack.credential-access").build(),
                alert("persist").at(4).srcIp(IP).tags("attack.persistence").build(),
                alert("catalog-only").at(5).srcIp(IP).tags("cloudwarden.a6").build());
        assertThat(i.alerts()).extracting(Alert::id)
                .containsExactly("entry", "entry-late", "persist", "catalog-only", "exfil", "impact", "untagged");
        assertThat(i.tactics()).containsExactly(Tactic.INITIAL_ACCESS, Tactic.PERSISTENCE,
                Tactic.LATERAL_MOVEMENT, Tactic.EXFILTRATION, Tactic.IMPACT);
        assertThat(i.first()).isEqualTo(TestAlerts.minute(0));
        assertThat(i.last()).isEqualTo(TestAlerts.minute(9));
    }

    @Test
    void sameStageSameTimeTiesBreakOnAlertId() {
        Incident i = one(alert("b").at(1).srcIp(IP).tags("attack.impact").build(),
                alert("a").at(1).srcIp(IP).tags("attack.impact").build());
        assertThat(i.alerts()).extracting(Alert::id).containsExactly("a", "b");
    }

    @Test
    void classificationFromCatalogTags() {
        Incident i = one(
                alert("ssh").at(0).srcIp(IP).tags("attack.initial-access", "attack.t1110", "cloudwarden.t2").build(),
                alert("crypt").at(5).srcIp(IP).tags("attack.impact", "attack.t1486", "cloudwarden.a1", "cloudwarden.m5").build());
        assertThat(i.classification()).isEqualTo(
                new Classification(List.of("T2"), List.of("A1"), List.of("M5"), Motive.FINANCIAL));
        assertThat(i.techniques()).containsExactly("T1110", "T1486");
    }

    @Test
    void classificationInfersOnlyUnambiguousTechniques() {
        Classification c = Classification.of(List.of("attack.t1110.003", "attack.t1530", "attack.t1537",
                "attack.t1496", "attack.t1078.004"));
        assertThat(c.initialAccess()).containsExactly("T2");
        assertThat(c.actions()).containsExactly("A3");
        assertThat(c.malware()).isEmpty();
        assertThat(c.motive()).isEqualTo(Motive.FINANCIAL);
    }

    @Test
    void explicitCatalogTagsOutrankTechniquesInTheirDimension() {
        // a misconfiguration incident: SigmaHQ's security-group rule says T1190, the pack's rules say T3
        Classification c = Classification.of(List.of("attack.t1190", "cloudwarden.t3", "attack.t1496"));
        assertThat(c.initialAccess()).containsExactly("T3");
        assertThat(c.actions()).as("no action is tagged explicitly, so T1496 still implies A3").containsExactly("A3");
    }

    @Test
    void motives() {
        assertThat(Classification.of(List.of("cloudwarden.a2")).motive()).isEqualTo(Motive.ESPIONAGE);
        assertThat(Classification.of(List.of("cloudwarden.a2", "cloudwarden.a1")).motive()).isEqualTo(Motive.FINANCIAL);
        assertThat(Classification.of(List.of("cloudwarden.m6", "cloudwarden.a3")).motive()).isEqualTo(Motive.ESPIONAGE);
        assertThat(Classification.of(List.of("cloudwarden.m1")).motive()).isEqualTo(Motive.FINANCIAL);
        assertThat(Classification.of(List.of("cloudwarden.t1", "cloudwarden.a6")).motive()).isEqualTo(Motive.UNKNOWN);
        assertThat(Classification.of(List.of("CloudWarden.T3")).initialAccess()).containsExactly("T3");
    }

    @Test
    void severityIsTheMaxLevelRaisedForChains() {
        assertThat(one(alert("a").at(0).level(Level.MEDIUM).tags("attack.impact").build()).severity())
                .isEqualTo(Level.MEDIUM);
        assertThat(one(alert("a").at(0).srcIp(IP).level(Level.LOW).tags("attack.initial-access").build(),
                alert("b").at(1).srcIp(IP).level(Level.MEDIUM).tags("attack.impact").build()).severity())
                .isEqualTo(Level.HIGH);
        assertThat(Incident.severity(Level.MEDIUM, 4)).isEqualTo(Level.CRITICAL);
        assertThat(Incident.severity(Level.HIGH, 5)).isEqualTo(Level.CRITICAL);
        assertThat(Incident.severity(Level.CRITICAL, 2)).isEqualTo(Level.CRITICAL);
    }

    @Test
    void scoreFollowsTheDocumentedFormula() {
        assertThat(Incident.score(Level.MEDIUM, 1, 1, false)).isEqualTo(35);
        assertThat(Incident.score(Level.HIGH, 3, 4, false)).isEqualTo(55 + 10 + 6);
        assertThat(Incident.score(Level.CRITICAL, 9, 20, true)).isEqualTo(100);
        assertThat(Incident.score(Level.INFORMATIONAL, 0, 0, false)).isEqualTo(5);
        Incident i = one(
                alert("a").at(0).srcIp(IP).level(Level.HIGH).tags("attack.initial-access", "cloudwarden.t1").build(),
                alert("b").at(1).srcIp(IP).level(Level.MEDIUM).tags("attack.execution", "cloudwarden.m3").build(),
                alert("c").at(2).srcIp(IP).level(Level.LOW).rule("rule-b").tags("attack.impact").build());
        assertThat(i.score()).isEqualTo(55 + 5 * 2 + 2 * 1 + 10);
        assertThat(i.severity()).isEqualTo(Level.CRITICAL);
    }
}
