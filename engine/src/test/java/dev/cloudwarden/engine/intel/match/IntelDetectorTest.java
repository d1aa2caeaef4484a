package dev.cloudwarden.engine.intel.match;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.incident.AlertSelection;
import dev.cloudwarden.engine.incident.Classification;
import dev.cloudwarden.engine.intel.Indicator;
import dev.cloudwarden.engine.intel.IocType;
import dev.cloudwarden.engine.alert.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IntelDetectorTest {
    private static final String QUERY = """
            {"version":"1.100000","account_id":"111122223333","region":"us-east-1","vpc_id":"vpc-0a1b2c3d4e5f60718",\
            "query_timestamp":"%s","query_name":"%s.","query_type":"A","query_class":"IN","rcode":"NOERROR",\
            "answers":[{"Rdata":"192.0.2.200","Type":"A","Class":"IN"}],"srcaddr":"10.0.2.44","srcport":"48211",\
            "transport":"UDP","srcids":{"instance":"i-0f1e2d3c4b5a69788"}}""";

    private static Event query(String time, String name) {
        return Parsed.event("resolver.jsonl", QUERY.formatted(time, name));
    }

    private static Indicator indicator(String id, IocType type, String value, String source, Integer confidence,
                                       List<String> labels) {
        return new Indicator(id, type, value, source, confidence, labels, null, null, List.of(), null);
    }

    private static final Indicator POOL = indicator("indicator--pool", IocType.DOMAIN, "supportxmr.com", "starter:mining-pools",
            60, List.of("cloudwarden.a3", "attack.t1496", "mining-pool", "malware:xmrig"));
    private static final Indicator POOL_IP = indicator("indicator--pool-ip", IocType.ADDRESS, "192.0.2.0/24", "partner-feed",
            90, List.of("attack.T1071.001", "cloudwarden.intel-partner"));

    @Test
    void anAlertNamesTheValueAndItsSourcesCarriesCatalogAndAttackTagsAndTheEvent() {
        IntelDetector detector = new IntelDetector(IntelIndex.of(List.of(POOL, POOL_IP)));
        Event e = query("2026-03-16T08:12:44Z", "pool.supportxmr.com");
        List<Alert> alerts = new ArrayList<>();
        detector.process(e, alerts::add);

        assertThat(alerts).hasSize(2);
        Alert domain = alerts.get(0);
        assertThat(domain.ruleId()).isEqualTo("cloudwarden.intel.domain");
        assertThat(domain.ruleTitle()).isEqualTo("Threat intel: domain pool.supportxmr.com listed by starter:mining-pools");
        assertThat(domain.level()).isEqualTo(Level.MEDIUM);
        assertThat(domain.tags()).containsExactly("attack.t1496", "cloudwarden.a3");
        assertThat(domain.events()).containsExactly(e);
        assertThat(domain.time()).isEqualTo(e.time());
        assertThat(Classification.of(domain.tags()).actions()).containsExactly("A3");

        Alert address = alerts.get(1);
        assertThat(address.ruleId()).isEqualTo("cloudwarden.intel.address");
        assertThat(address.level()).isEqualTo(Level.HIGH);
        // a technique in upper case is still a technique; a cloudwarden.* label that is no catalog id is no tag
        assertThat(address.tags()).containsExactly("attack.t1071.001");
        assertThat(address.id()).isNotEqualTo(domain.id());
    }

    @Test
    void alertIdsAreTheSameOnARescanAndDifferPerEvent() {
        IntelIndex index = IntelIndex.of(List.of(POOL));
        Event e1 = query("2026-03-16T08:12:44Z", "pool.supportxmr.com");
        Event e2 = query("2026-03-16T08:13:44Z", "pool.supportxmr.com");
        List<Alert> first = new ArrayList<>();
        List<Alert> again = new ArrayList<>();
        new IntelDetector(index).process(e1, first::add);
        new IntelDetector(index).process(query("2026-03-16T08:12:44Z", "pool.supportxmr.com"), again::add);
        new IntelDetector(index).process(e2, again::add);
        assertThat(again.get(0).id()).isEqualTo(first.get(0).id());
        assertThat(again.get(1).id()).isNotEqualTo(first.get(0).id());
    }

    @Test
    void sightingsCountEachIndicatorOncePerEventWithFirstAndLastEventTime() {
        Indicator sameFromAnotherFeed = indicator("indicator--other", IocType.DOMAIN, "supportxmr.com", "misp", null, List.of());
        Indicator answer = Indicator.of(IocType.ADDRESS, "192.0.2.200", "pools", List.of());
        IntelDetector detector = new IntelDetector(IntelIndex.of(List.of(POOL, sameFromAnotherFeed, answer)));
        detector.process(query("2026-03-16T08:12:44Z", "pool.supportxmr.com"), a -> { });
        detector.process(query("2026-03-16T08:10:00Z", "supportxmr.com"), a -> { });
        detector.process(query("2026-03-16T09:00:00Z", "example.com"), a -> { });

        assertThat(detector.sightings().get("indicator--pool")).hasValue(new Sightings.Sighting("indicator--pool", 2,
                Instant.parse("2026-03-16T08:10:00Z"), Instant.parse("2026-03-16T08:12:44Z")));
        assertThat(detector.sightings().get("indicator--other").orElseThrow().count()).isEqualTo(2);
        assertThat(detector.sightings().get(answer.id()).orElseThrow().count()).isEqualTo(3);
        assertThat(detector.sightings().size()).isEqualTo(3);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "null, '', MEDIUM", "100, '', HIGH", "80, '', HIGH", "79, '', MEDIUM", "50, '', MEDIUM", "49, '', LOW",
            "20, '', LOW", "19, '', INFORMATIONAL", "0, '', INFORMATIONAL", "95, context, INFORMATIONAL",
            "null, Informational, INFORMATIONAL"})
    void levelsFollowConfidenceAndContextLabels(Integer confidence, String label, Level expected) {
        Indicator i = indicator("i", IocType.DOMAIN, "x.example", "f", confidence, label.isEmpty() ? List.of() : List.of(label));
        assertThat(IntelLevels.of(i)).isEqualTo(expected);
    }

    @Test
    void contextListsRaiseInformationalAlertsThatFormNoIncident() {
        Indicator storage = indicator("indicator--pcloud", IocType.DOMAIN, "api.pcloud.com", "starter:cloud-storage-apis",
                null, List.of("context", "attack.t1102"));
        List<Alert> alerts = new ArrayList<>();
        new IntelDetector(IntelIndex.of(List.of(storage))).process(query("2026-03-16T08:12:44Z", "api.pcloud.com"), alerts::add);
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.level()).isEqualTo(Level.INFORMATIONAL);
            assertThat(AlertSelection.defaults().test(a)).isFalse();
        });
    }

    @Test
    void theHighestLevelOfTheMatchedIndicatorsWins() {
        Indicator low = indicator("low", IocType.DOMAIN, "supportxmr.com", "a", 30, List.of());
        Indicator high = indicator("high", IocType.DOMAIN, "pool.supportxmr.com", "b", 85, List.of());
        List<Alert> alerts = new ArrayList<>();
        new IntelDetector(IntelIndex.of(List.of(low, high))).process(query("2026-03-16T08:12:44Z", "pool.supportxmr.com"), alerts::add);
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.level()).isEqualTo(Level.HIGH);
            assertThat(a.ruleTitle()).endsWith("listed by b, a"); // the most specific listing first
        });
    }

    @Test
    void titlesCarryNoControlCharactersAndStayShort() {
        assertThat(IntelDetector.printable("curl/8\u0000\u001b[31m\u202e")).isEqualTo("curl/8??[31m?");
        assertThat(IntelDetector.printable("a".repeat(500))).hasSize(123).endsWith("...");
    }
}
