package dev.cloudwarden.engine.incident;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.event.SourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static dev.cloudwarden.engine.incident.TestAlerts.alert;
import static org.assertj.core.api.Assertions.assertThat;

class IncidentMergingTest {
    private static final IncidentOptions OPTIONS = IncidentOptions.defaults().withWindow(Duration.ofMinutes(60));

    private static List<Incident> build(Alert... alerts) {
        return IncidentBuilder.build(List.of(alerts), OPTIONS);
    }

    private static List<List<String>> groups(List<Incident> incidents) {
        return incidents.stream().map(i -> i.alerts().stream().map(Alert::id).sorted().toList())
                .sorted((a, b) -> a.get(0).compareTo(b.get(0))).toList();
    }

    /** Gives an alert an entity of the type, with a value chosen by {@code n}. */
    private static TestAlerts with(EntityType type, TestAlerts a, int n) {
        return switch (type) {
            case PRINCIPAL -> a.principal("arn:aws:iam::111122223333:user/u" + n);
            case ACCESS_KEY -> a.key("AKIA00000000000" + n);
            case IP -> a.srcIp("203.0.113." + n);
            case INSTANCE -> a.resource("AWS::EC2::Instance", "i-000000000000000" + n);
            case HOST -> a.source(SourceType.SSHD).dstHost("host" + n);
            case BUCKET -> a.resource("AWS::S3::Bucket", "bucket" + n);
            case CLUSTER -> a.resource("AWS::EKS::Cluster", "arn:aws:eks:us-east-1:1:cluster/c" + n);
            case WORKLOAD -> a.resource("YARN::Application", "application_1700000000000_000" + n);
            case ACCOUNT -> a.account("11112222333" + n);
            case REGION -> a.region("region-" + n);
            case RESOURCE -> a.resource("AWS::EC2::VPC", "vpc-" + n);
        };
    }

    @ParameterizedTest
    @EnumSource(value = EntityType.class, names = {"PRINCIPAL", "ACCESS_KEY", "IP", "INSTANCE", "HOST", "BUCKET", "CLUSTER", "WORKLOAD"})
    void alertsSharingALinkingEntityMerge(EntityType type) {
        List<Incident> incidents = build(
                with(type, alert("a1").at(0), 1).build(),
                with(type, alert("a2").at(30), 1).build(),
                with(type, alert("b1").at(10), 2).build());
        assertThat(groups(incidents)).containsExactly(List.of("a1", "a2"), List.of("b1"));
    }

    @ParameterizedTest
    @EnumSource(value = EntityType.class, names = {"ACCOUNT", "REGION", "RESOURCE"})
    void accountsRegionsAndOtherResourcesDoNotLink(EntityType type) {
        List<Incident> incidents = build(
                with(type, alert("a1").at(0), 1).build(),
                with(type, alert("a2").at(30), 1).build());
        assertThat(incidents).hasSize(2);
        assertThat(incidents.get(0).entities()).extracting(Entity::type).contains(type)
                .isSubsetOf(EntityType.ACCOUNT, EntityType.REGION, EntityType.RESOURCE);
    }

    @Test
    void windowIsInclusiveAndNoMergeBeyondIt() {
        String ip = "203.0.113.5";
        assertThat(build(alert("a").at(0).srcIp(ip).build(), alert("b").at(60).srcIp(ip).build())).hasSize(1);
        assertThat(build(alert("a").atMillis(0).srcIp(ip).build(),
                alert("b").atMillis(60 * 60_000 + 1).srcIp(ip).build())).hasSize(2);
    }

    @Test
    void aChainOfCloseAlertsStaysOneIncidentLongerThanTheWindow() {
        List<Alert> alerts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            alerts.add(alert("a" + i).at(50L * i).principal("arn:aws:iam::1:user/eve").build());
        }
        List<Incident> incidents = IncidentBuilder.build(alerts, OPTIONS);
        assertThat(incidents).singleElement().satisfies(i -> {
            assertThat(i.size()).isEqualTo(6);
            assertThat(i.first()).isEqualTo(TestAlerts.minute(0));
            assertThat(i.last()).isEqualTo(TestAlerts.minute(250));
        });
    }

    @Test
    void anAlertLinkingTwoIncidentsMergesThem() {
        Alert brute = alert("brute").at(0).srcIp("203.0.113.5").build();
        Alert theft = alert("theft").at(5).principal("arn:aws:iam::1:user/bob").build();
        Alert login = alert("login").at(20).srcIp("203.0.113.5").principal("arn:aws:iam::1:user/bob").build();
        Alert later = alert("later").at(70).principal("arn:aws:iam::1:user/bob").build();
        List<Incident> incidents = build(brute, theft, login, later);
        assertThat(incidents).singleElement().satisfies(i -> {
            assertThat(i.alerts()).extracting(Alert::id).containsExactlyInAnyOrder("brute", "theft", "login", "later");
            assertThat(i.id()).isEqualTo(Incident.idOf("brute"));
            assertThat(i.entities()).contains(Entity.of(EntityType.IP, "203.0.113.5"),
                    Entity.of(EntityType.PRINCIPAL, "arn:aws:iam::1:user/bob"));
        });
    }

    @Test
    void mergingNeedsEachLinkWithinTheWindow() {
        // c shares the address with a (61 min before: too old) and the principal with b: only b and c merge
        Alert a = alert("a").at(0).srcIp("203.0.113.5").build();
        Alert b = alert("b").at(30).principal("arn:aws:iam::1:user/bob").build();
        Alert c = alert("c").at(61).srcIp("203.0.113.5").principal("arn:aws:iam::1:user/bob").build();
        assertThat(groups(build(a, b, c))).containsExactly(List.of("a"), List.of("b", "c"));
    }

    @Test
    void commonEntitiesDoNotGlueUnrelatedAttacks() {
        UnaryOperator<TestAlerts> common = t -> t.account("111122223333")
                .dstIp("169.254.169.254").resource("AWS::EC2::VPC", "vpc-1").resource("AWS::EC2::Subnet", "subnet-1");
        List<Alert> alerts = List.of(
                common.apply(alert("mining").at(0).srcIp("203.0.113.10").principal("ec2.amazonaws.com")).build(),
                common.apply(alert("theft").at(5).srcIp("198.51.100.20")).build(),
                common.apply(alert("nat").at(7).srcIp("100.64.1.1")).build(),
                common.apply(alert("cgnat").at(9).srcIp("100.64.7.7")).build(),
                alert("root-a").at(3).source(SourceType.SSHD).principal("root").dstHost("web1").build(),
                alert("root-b").at(4).source(SourceType.SSHD).principal("root").dstHost("nas1").build());
        assertThat(IncidentBuilder.build(alerts, OPTIONS)).hasSize(6);
        // control: the same alerts do merge once accounts link
        IncidentOptions accounts = OPTIONS.withEntities(EntityExtractor.Config.defaults()
                .withLinkTypes(java.util.EnumSet.of(EntityType.ACCOUNT)));
        assertThat(IncidentBuilder.build(alerts, accounts)).hasSize(3);
    }

    @Test
    void aHostsDaemonLogsMeetItsFlowLogsThroughItsAddress() {
        // dockerd knows only its EC2 host name; the flow log only the private address it spells
        Alert docker = alert("docker").at(0).source(SourceType.DOCKER).dstHost("ip-10-0-2-20").build();
        Alert flow = alert("flow").at(2).srcIp("10.0.2.20").dstIp("192.0.2.210").build();
        Alert dns = alert("dns").at(1).srcIp("10.0.2.20").resource("AWS::EC2::Instance", "i-0c33333333333333c").build();
        Alert launch = alert("launch").at(-3).principal("arn:aws:iam::1:user/bot")
                .resource("AWS::EC2::Instance", "i-0c33333333333333c").build();
        Alert elsewhere = alert("elsewhere").at(1).srcIp("10.0.2.21").build();
        assertThat(groups(build(docker, flow, dns, launch, elsewhere)))
                .containsExactly(List.of("dns", "docker", "flow", "launch"), List.of("elsewhere"));
    }

    @Test
    void sameAlertTwiceCountsOnce() {
        Alert a = alert("a").at(0).srcIp("203.0.113.5").build();
        Alert lone = alert("lone").at(0).build();
        List<Incident> incidents = build(a, lone, a, lone);
        assertThat(incidents).hasSize(2).allSatisfy(i -> assertThat(i.size()).isEqualTo(1));
    }

    @Test
    void lateAlertsAreCountedAndStillJoin() {
        DrivenBuilder b = new DrivenBuilder(OPTIONS.withAllowedLateness(Duration.ofMinutes(1)));
        List<Incident> out = new ArrayList<>();
        b.accept(alert("a").at(0).srcIp("203.0.113.5").build(), out::add);
        b.accept(alert("b").at(30).srcIp("203.0.113.5").build(), out::add);
        b.accept(alert("late").at(10).srcIp("203.0.113.5").build(), out::add);
        b.finish(out::add);
        assertThat(b.lateAlerts()).isEqualTo(1);
        assertThat(out).singleElement().satisfies(i -> assertThat(i.size()).isEqualTo(3));
    }

    @Test
    void anIncidentClosesOnceIdleForAWindowAndFreesItsState() {
        DrivenBuilder b = new DrivenBuilder(OPTIONS.withAllowedLateness(Duration.ZERO));
        List<Incident> out = new ArrayList<>();
        b.accept(alert("a").at(0).srcIp("203.0.113.5").principal("arn:aws:iam::1:user/x").build(), out::add);
        b.advanceTo(TestAlerts.minute(60), out::add);
        assertThat(out).isEmpty();
        b.advanceTo(TestAlerts.minute(61), out::add);
        assertThat(out).hasSize(1);
        assertThat(b.stateSize().entries()).isZero();
        assertThat(b.stateSize().timers()).isZero();
    }

    @Test
    void stateStaysBoundedOverManyAlerts() {
        DrivenBuilder b = new DrivenBuilder(OPTIONS);
        List<Incident> out = new ArrayList<>();
        int maxEntries = 0;
        for (int i = 0; i < 20_000; i++) {
            // a new attacker every 10 alerts, one alert a minute: about 6 attackers per window
            int attacker = i / 10;
            b.accept(alert("x" + i).at(i).srcIp("203.0." + (attacker / 250) + "." + (attacker % 250))
                    .principal("arn:aws:iam::1:user/u" + attacker).account("1").build(), out::add);
            maxEntries = Math.max(maxEntries, b.stateSize().entries());
        }
        assertThat(maxEntries).isLessThan(500);
        b.finish(out::add);
        assertThat(out).hasSize(2_000).allSatisfy(i -> assertThat(i.size()).isEqualTo(10));
        assertThat(b.stateSize()).isEqualTo(new IncidentBuilder.StateSize(0, 0, 0));
    }

    @Test
    void aLongRunningIncidentForgetsStaleLinks() {
        DrivenBuilder b = new DrivenBuilder(OPTIONS);
        List<Incident> out = new ArrayList<>();
        int maxEntries = 0;
        for (int i = 0; i < 5_000; i++) {
            // one principal throughout, a new address every minute
            b.accept(alert("x" + i).at(i).srcIp("203.0." + (i / 250) + "." + (i % 250))
                    .principal("arn:aws:iam::1:user/eve").build(), out::add);
            maxEntries = Math.max(maxEntries, b.stateSize().entries());
        }
        b.finish(out::add);
        assertThat(out).hasSize(5); // the alert cap (1,000) splits it
        assertThat(maxEntries).isLessThan(400);
    }

    @Test
    void theAlertCapClosesAnIncident() {
        List<Alert> alerts = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            alerts.add(alert("a" + i).at(i).srcIp("203.0.113.5").build());
        }
        List<Incident> incidents = IncidentBuilder.build(alerts, OPTIONS.withMaxAlertsPerIncident(3));
        assertThat(incidents).extracting(Incident::size).containsExactly(3, 3, 1);
        assertThat(incidents).extracting(Incident::id).doesNotHaveDuplicates();
    }
}
