package dev.cloudwarden.app.hunt;

import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.FieldPath;
import dev.cloudwarden.engine.event.RawRecord;
import dev.cloudwarden.engine.event.SourceType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class EventArchiveTest {
    private static List<Event> events;

    @TempDir
    Path dir;

    @BeforeAll
    static void read() {
        events = DatasetEvents.read(DatasetEvents.mixed());
        assertThat(events.stream().map(Event::source).distinct())
                .contains(SourceType.CLOUDTRAIL, SourceType.VPC_FLOW, SourceType.SSHD);
    }

    @Test
    void countsBySourceAndDayEqualTheEventsArchived() throws Exception {
        ArchiveLayout layout = archive(events, 7);
        Map<String, Long> expected = new TreeMap<>(events.stream().collect(Collectors.groupingBy(
                e -> e.source().id() + " " + LocalDate.ofInstant(e.time(), ZoneOffset.UTC), Collectors.counting())));
        HuntResult r = hunt(layout, "SELECT source || ' ' || day AS k, count(*) AS n FROM events GROUP BY ALL ORDER BY k");
        Map<String, Long> actual = new TreeMap<>();
        r.rows().forEach(row -> actual.put((String) row.get(0), ((Number) row.get(1)).longValue()));
        assertThat(actual).isEqualTo(expected);
        assertThat(r.truncated()).isFalse();
    }

    @Test
    void theRawColumnAnswersSigmaFieldNames() throws Exception {
        ArchiveLayout layout = archive(events, 1000);
        FieldPath eventName = FieldPath.of("eventName");
        FieldPath userType = FieldPath.of("userIdentity.type");
        long expected = events.stream().filter(e -> e.source() == SourceType.CLOUDTRAIL)
                .filter(e -> "AssumedRole".equals(e.raw().text(userType)) && e.raw().text(eventName) != null
                        && e.raw().text(eventName).startsWith("Get")).count();
        assertThat(expected).isPositive();
        HuntResult r = hunt(layout, "SELECT count(*) FROM events WHERE (raw->'userIdentity'->>'type') = 'AssumedRole' "
                + "AND (raw->>'eventName') LIKE 'Get%'");
        assertThat(((Number) r.rows().get(0).get(0)).longValue()).isEqualTo(expected);
    }

    @Test
    void textRecordsKeepTheirParsedFieldsAndTheirLine() throws Exception {
        ArchiveLayout layout = archive(events, 1000);
        Event first = events.stream().filter(e -> e.source() == SourceType.SSHD).findFirst().orElseThrow();
        HuntResult r = hunt(layout, "SELECT raw, raw_text, origin_line FROM events WHERE source = 'sshd' "
                + "ORDER BY origin_line LIMIT 1");
        assertThat(r.rows().get(0).get(0).toString()).isEqualTo(first.raw().tree().toString());
        assertThat(r.rows().get(0).get(1)).isEqualTo(first.raw().text());
        assertThat(((Number) r.rows().get(0).get(2)).longValue()).isEqualTo(first.origin().line());
    }

    @Test
    void aReplayedBatchIsCountedOnce() throws Exception {
        ArchiveLayout layout = new ArchiveLayout(dir.resolve("events"));
        write(layout, events, 5);
        long files = parquetFiles(layout);
        write(layout, events, 5); // the same batches again: their files are overwritten
        assertThat(parquetFiles(layout)).isEqualTo(files);
        write(layout, events.subList(3, events.size()), 4); // a replay from elsewhere: new files, same event ids
        assertThat(parquetFiles(layout)).isGreaterThan(files);
        HuntResult r = hunt(layout, "SELECT count(*), count(DISTINCT event_id) FROM events");
        assertThat(((Number) r.rows().get(0).get(0)).longValue()).isEqualTo(events.size());
        assertThat(((Number) r.rows().get(0).get(1)).longValue()).isEqualTo(events.size());
    }

    @Test
    void equalRecordsOnDifferentLinesStayTwoEvents() throws Exception {
        Event e = events.get(0);
        Event again = e.withOrigin(dev.cloudwarden.engine.event.Origin.line("other.log", 99));
        ArchiveLayout layout = archive(List.of(e, again), 10);
        assertThat(((Number) hunt(layout, "SELECT count(*) FROM events").rows().get(0).get(0)).longValue()).isEqualTo(2);
    }

    @Test
    void aBatchIsWrittenWhenItsOldestEventHasWaited() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2024-05-01T00:00:00Z"));
        ArchiveLayout layout = new ArchiveLayout(dir.resolve("events"));
        try (EventArchive archive = EventArchive.open(layout, new ArchiveOptions(1000, Duration.ofSeconds(30)), clock)) {
            archive.add(events.get(0));
            archive.flushIfDue();
            assertThat(archive.written()).isZero();
            clock.now = clock.now.plusSeconds(31);
            archive.flushIfDue();
            assertThat(archive.written()).isEqualTo(1);
            archive.add(events.get(1));
            assertThat(archive.written()).isEqualTo(1);
        }
        assertThat(((Number) hunt(layout, "SELECT count(*) FROM events").rows().get(0).get(0)).longValue()).isEqualTo(2);
    }

    @Test
    void retentionDropsTheDaysBeforeTheCutoffAndKeepsTheRest() throws Exception {
        Instant now = Instant.parse("2024-05-01T12:00:00Z");
        Event base = events.get(0);
        List<Event> spread = Stream.of("2024-01-15", "2024-01-31", "2024-02-01", "2024-04-30")
                .map(d -> base.withTime(Instant.parse(d + "T08:00:00Z"), base.timeBasis())
                        .withOrigin(dev.cloudwarden.engine.event.Origin.line("spread", d.hashCode())))
                .toList();
        ArchiveLayout layout = archive(spread, 10);
        Files.createDirectories(layout.root().resolve("notes")); // not a day partition: left alone
        List<LocalDate> dropped = EventArchive.retain(layout, Duration.ofDays(90), Clock.fixed(now, ZoneOffset.UTC));
        assertThat(dropped).containsExactly(LocalDate.parse("2024-01-15"), LocalDate.parse("2024-01-31"));
        // 90 days before noon on 2024-05-01 is noon on 2024-02-01: that day is not wholly older, so it stays
        assertThat(layout.days()).containsExactly(LocalDate.parse("2024-02-01"), LocalDate.parse("2024-04-30"));
        assertThat(layout.root().resolve("notes")).isDirectory();
        HuntResult r = hunt(layout, "SELECT day FROM events ORDER BY day");
        assertThat(r.rows()).extracting(row -> row.get(0)).containsExactly("2024-02-01", "2024-04-30");
    }

    @Test
    void anEmptyArchiveHasAnEmptyEventsTable() throws Exception {
        HuntResult r = hunt(new ArchiveLayout(dir.resolve("none")), "SELECT count(*) AS n FROM events");
        assertThat(r.rows()).containsExactly(List.of(0L));
    }

    private ArchiveLayout archive(List<Event> list, int batch) throws IOException {
        ArchiveLayout layout = new ArchiveLayout(dir.resolve("events"));
        write(layout, list, batch);
        return layout;
    }

    private static void write(ArchiveLayout layout, List<Event> list, int batch) throws IOException {
        try (EventArchive archive = EventArchive.open(layout, new ArchiveOptions(batch, Duration.ofHours(1)), Clock.systemUTC())) {
            for (Event e : list) {
                archive.add(e);
            }
        }
    }

    private static long parquetFiles(ArchiveLayout layout) throws IOException {
        try (Stream<Path> walk = Files.walk(layout.root())) {
            return walk.filter(p -> p.toString().endsWith(".parquet")).count();
        }
    }

    static HuntResult hunt(ArchiveLayout layout, String sql) throws HuntException {
        try (HuntService service = new HuntService(new HuntSources(layout, new StoreTables.None()))) {
            return service.run(sql, new HuntLimits(10_000, Duration.ofSeconds(60)));
        }
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
