package dev.cloudwarden.engine.event;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The fast formatter against the JDK's, the reference: the same text for every instant. */
class IsoInstantTest {
    @Property(tries = 5000)
    void writesWhatInstantToStringWrites(@ForAll("seconds") long second, @ForAll("nanos") int nano) {
        Instant t = Instant.ofEpochSecond(second, nano);
        assertThat(format(t)).isEqualTo(t.toString());
    }

    @Test
    void edgesOfTheFastRangeAndBeyond() {
        for (String s : new String[]{"0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "1970-01-01T00:00:00Z",
                "1969-12-31T23:59:59.500Z", "2024-02-29T12:00:00.000001Z", "2026-11-01T00:00:00.120Z"}) {
            assertThat(format(Instant.parse(s))).isEqualTo(s);
        }
        for (Instant t : new Instant[]{Instant.MIN, Instant.MAX, Instant.parse("0000-12-31T23:59:59Z"),
                Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("-0001-06-01T00:00:00.5Z")}) {
            assertThat(format(t)).isEqualTo(t.toString());
        }
    }

    @Provide
    Arbitrary<Long> seconds() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(Instant.parse("0001-01-01T00:00:00Z").getEpochSecond() - 86_400,
                        Instant.parse("9999-12-31T23:59:59Z").getEpochSecond() + 86_400),
                Arbitraries.longs().between(1_600_000_000L, 1_900_000_000L)); // the years logs come from
    }

    @Provide
    Arbitrary<Integer> nanos() {
        Arbitrary<Integer> any = Arbitraries.integers().between(0, 999_999_999);
        return Arbitraries.oneOf(Arbitraries.just(0), any.map(n -> n / 1_000_000 * 1_000_000),
                any.map(n -> n / 1000 * 1000), any);
    }

    private static String format(Instant t) {
        char[] out = new char[IsoInstant.MAX_CHARS];
        return new String(out, 0, IsoInstant.format(t, out));
    }
}
