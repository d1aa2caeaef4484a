package dev.cloudwarden.engine.alert;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.engine.event.Actor;
import dev.cloudwarden.engine.event.Cloud;
import dev.cloudwarden.engine.event.Endpoint;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.engine.event.Origin;
import dev.cloudwarden.engine.event.Outcome;
import dev.cloudwarden.engine.event.RawRecord;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.event.Traffic;
import dev.cloudwarden.engine.incident.Entity;
import dev.cloudwarden.engine.incident.EntityType;
import dev.cloudwarden.engine.incident.Incident;
import dev.cloudwarden.engine.incident.IncidentCodec;
import dev.cloudwarden.engine.incident.IncidentUpdate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wire format round-trips: whatever alert or incident the engine holds, writing it, reading it back and writing
 * it again gives the same bytes, and the read value carries the same ids, counts, times and observables. Values are
 * attacker-controlled text (control characters, bidi overrides, astral characters, quotes).
 */
class AlertCodecPropertiesTest {
    @Property(tries = 300)
    void alertsRoundTrip(@ForAll("alerts") Alert alert) throws IOException {
        String written = write(alert);
        Alert read = AlertCodec.read(Json.MAPPER.readTree(written));
        assertThat(write(read)).isEqualTo(written);
        assertThat(read.id()).isEqualTo(alert.id());
        assertThat(read.occurrences()).isEqualTo(alert.occurrences());
        assertThat(read.level()).isEqualTo(alert.level());
        assertThat(read.tags()).isEqualTo(alert.tags());
        assertThat(Observables.of(read)).isEqualTo(Observables.of(alert));
        assertThat(read.events()).extracting(Event::uid).isEqualTo(alert.events().stream().map(Event::uid).toList());
    }

    @Property(tries = 100)
    void incidentsRoundTrip(@ForAll("alerts") Alert a, @ForAll("alerts") Alert b, @ForAll("kinds") IncidentUpdate.Kind kind)
            throws IOException {
        Incident incident = Incident.of(List.of(a, b), List.of(new Entity(EntityType.IP, "203.0.113.5"),
                new Entity(EntityType.ACCESS_KEY, "AKIAEXAMPLE")));
        IncidentUpdate u = new IncidentUpdate(kind, incident, kind == IncidentUpdate.Kind.MERGED ? "0".repeat(32) : null);
        StringWriter w = new StringWriter();
        try (JsonGenerator g = Json.FACTORY.createGenerator(w)) {
            IncidentCodec.write(u, g, true);
        }
        IncidentUpdate read = IncidentCodec.read(Json.MAPPER.readTree(w.toString()));
        assertThat(read.kind()).isEqualTo(kind);
        assertThat(read.mergedInto()).isEqualTo(u.mergedInto());
        assertThat(read.incident().id()).isEqualTo(incident.id());
        assertThat(read.incident().severity()).isEqualTo(incident.severity());
        assertThat(read.incident().score()).isEqualTo(incident.score());
        assertThat(read.incident().entities()).isEqualTo(incident.entities());
        assertThat(read.incident().alerts()).extracting(Alert::id).isEqualTo(incident.alerts().stream().map(Alert::id).toList());
    }

    static String write(Alert a) throws IOException {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = Json.FACTORY.createGenerator(w)) {
            AlertCodec.write(a, g, true);
        }
        return w.toString();
    }

    @Provide
    Arbitrary<IncidentUpdate.Kind> kinds() {
        return Arbitraries.of(IncidentUpdate.Kind.class);
    }

    /** Log text as attackers write it: any BMP or astral character, controls and format characters included. */
    private static Arbitrary<String> text() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMinLength(1).ofMaxLength(24),
                Arbitraries.strings().withChars("\u0000\u001b\u007f\u0085\u202e\u2066\"\\/\n\t ").ofMinLength(1).ofMaxLength(8),
                Arbitraries.of("arn:aws:sts::111122223333:assumed-role/Admin/i-0abc", "203.0.113.5", "2001:db8::1",
                        "\uD83D\uDE00 emoji", "eu.pool.example"));
    }

    @Provide
    Arbitrary<Alert> alerts() {
        Arbitrary<Event> events = Combinators.combine(
                Arbitraries.of(SourceType.values()), Arbitraries.longs().between(0, 4_000_000_000_000L),
                text().injectNull(0.3), text().injectNull(0.3), text().injectNull(0.3), text().injectNull(0.5),
                Arbitraries.integers().between(0, 65535).injectNull(0.5), Arbitraries.longs().between(-1, 9)
        ).as((source, millis, principal, ip, host, uid, port, record) ->
                Event.builder(source, Instant.ofEpochMilli(millis), RawRecord.ofTree(Json.NODES.objectNode()
                                .put("k", principal == null ? "v" : principal)))
                        .uid(uid)
                        .cloud(new Cloud("aws", host, null))
                        .actor(new Actor(principal, "AssumedRole", ip, null, port == null ? null : port % 2 == 0))
                        .src(new Endpoint(ip, port, null)).dst(new Endpoint(null, null, host))
                        .operation("svc", principal)
                        .outcome(port == null ? Outcome.SUCCESS : Outcome.failure(host, principal))
                        .traffic(port == null ? Traffic.NONE : new Traffic((long) port, null, 3L, null))
                        .userAgent(host)
                        .resource("AWS::S3::Bucket", principal)
                        .origin(new Origin(ip == null ? "-" : ip, record + 1, record))
                        .build());
        return Combinators.combine(
                Arbitraries.strings().withChars("0123456789abcdef").ofLength(32), text(), text(),
                Arbitraries.of(Level.values()).injectNull(0.1), events.list().ofMinSize(1).ofMaxSize(3),
                Arbitraries.longs().between(1, 10_000), text().injectNull(0.5),
                Arbitraries.of("domain", "address", "url").injectNull(0.5)
        ).as((id, ruleId, title, level, evs, count, groupKey, matchedType) -> {
            Instant first = evs.get(0).time();
            List<Observable> matched = matchedType == null ? List.of()
                    : List.of(new Observable(matchedType, title, Observable.MATCHED));
            return new Alert(id, ruleId, title, level, first, List.of("attack.t1078", "cloudwarden.t2"), evs, matched,
                    new Alert.Occurrences(count, first, first.plusSeconds(count), groupKey));
        });
    }

    /** Reads are strict: a missing schema or a wrong one is named. */
    @net.jqwik.api.Example
    void aWrongSchemaIsNamed() throws IOException {
        JsonNode n = Json.MAPPER.readTree("{\"schema\":\"cloudwarden.alert/9\",\"id\":\"x\"}");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AlertCodec.read(n))
                .hasMessage("schema 'cloudwarden.alert/9' is not cloudwarden.alert/1");
    }
}
