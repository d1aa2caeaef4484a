package dev.cloudwarden.engine.ingest.time;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimestampsTest {

    @Property
    void theFastPathAgreesWithJavaTime(@ForAll @LongRange(min = -5_000_000_000L, max = 10_000_000_000L) long epochSecond,
                                       @ForAll @LongRange(min = 0, max = 999_999_999) long nanos) {
        Instant t = Instant.ofEpochSecond(epochSecond, nanos);
        assertThat(Timestamps.parseIso(t.toString())).isEqualTo(t);
        assertThat(Timestamps.epochDay(t.atOffset(java.time.ZoneOffset.UTC).getYear(),
                t.atOffset(java.time.ZoneOffset.UTC).getMonthValue(), t.atOffset(java.time.ZoneOffset.UTC).getDayOfMonth()))
                .isEqualTo(LocalDate.ofInstant(t, java.time.ZoneOffset.UTC).toEpochDay());
    }

    @Test
    void theShapesCloudLogsWriteAllParse() {
        Instant expected = Instant.parse("2024-07-30T21:31:21Z");
        assertThat(Timestamps.parseIso("2024-07-30T21:31:21Z")).isEqualTo(expected);
        assertThat(Timestamps.parseIso("2024-07-30 21:31:21")).isEqualTo(expected);
        assertThat(Timestamps.parseIso("2024-07-30T23:31:21+02:00")).isEqualTo(expected);
        assertThat(Timestamps.parseIso("2024-07-30T23:31:21+0200")).isEqualTo(expected);
        assertThat(Timestamps.parseIso("2024-07-30 21:31:21.000000000")).isEqualTo(expected);
        assertThat(Timestamps.parseIso("2024-07-30T21:31:21.1234567Z")).isEqualTo(expected.plusNanos(123_456_700));
        assertThat(Timestamps.parseIso("2024-07-30 21:31:21,330")).isEqualTo(expected.plusMillis(330));
        assertThat(Timestamps.parseEpoch("1722375081")).isEqualTo(Instant.ofEpochSecond(1722375081));
        assertThat(Timestamps.parseEpoch("1722375081123")).isEqualTo(Instant.ofEpochMilli(1722375081123L));
    }

    @Test
    void impossibleDatesAndGarbageSayWhatTheySaw() {
        assertThatThrownBy(() -> Timestamps.parseIso("2023-02-29T00:00:00Z")).isInstanceOf(DateTimeException.class)
                .hasMessage("not a timestamp: '2023-02-29T00:00:00Z'");
        assertThatThrownBy(() -> Timestamps.parseIso("yesterday")).hasMessage("not a timestamp: 'yesterday'");
    }
}
