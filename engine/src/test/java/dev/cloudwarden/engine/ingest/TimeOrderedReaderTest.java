package dev.cloudwarden.engine.ingest;

import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.ingest.read.Input;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimeOrderedReaderTest {
    private static final Instant T0 = Instant.parse("2026-11-25T00:00:00Z");
    private static final Ingestor INGESTOR = new Ingestor(IngestOptions.defaults());

    /** A CloudTrail-shaped JSON line at {@code T0 + seconds}, named so the test can tell the lines apart. */
    private static String record(String lane, int line, long seconds) {
        return "{\"eventVersion\":\"1.08\",\"eventTime\":\"" + T0.plusSeconds(seconds) + "\",\"eventSource\":\"s3.amazonaws.com\","
                + "\"eventName\":\"" + lane + "-" + line + "\",\"awsRegion\":\"us-east-1\"}";
    }

    private static Input file(String name, List<String> lines) {
        return Input.bytes(name, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8), T0);
    }

    private static Input lane(String name, long... seconds) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < seconds.length; i++) {
            lines.add(record(name, i + 1, seconds[i]));
        }
        return file(name, lines);
    }

    private static GoldenFiles.Collected merged(List<List<Input>> lanes) {
        GoldenFiles.Collected c = new GoldenFiles.Collected();
        new TimeOrderedReader(INGESTOR).read(lanes, new IngestStats(c));
        return c;
    }

    private static List<String> names(GoldenFiles.Collected c) {
        return c.events.stream().map(e -> e.operation().name()).toList();
    }

    @Test
    void lanesAreMergedByEventTimeAndEachKeepsItsOwnOrder() {
        Input a = lane("a", 0, 10, 20, 30);
        Input b = lane("b", 5, 15, 12, 40);     // b is a little out of order: 15 before 12 stays so
        Input c = lane("c", 1000);
        GoldenFiles.Collected out = merged(List.of(List.of(a), List.of(b), List.of(c)));
        assertThat(names(out)).containsExactly("a-1", "b-1", "a-2", "b-2", "b-3", "a-3", "a-4", "b-4", "c-1");
    }

    @Test
    void rejectionsAndSkipsPassWithTheirLaneAndNothingIsLost() {
        Input bad = file("bad", List.of(record("bad", 1, 5), "{not json", record("bad", 3, 50)));
        Input good = lane("good", 1, 10, 100);
        GoldenFiles.Collected out = merged(List.of(List.of(bad), List.of(good)));
        assertThat(names(out)).containsExactly("good-1", "bad-1", "good-2", "bad-3", "good-3");
        assertThat(out.rejections).hasSize(1);
        assertThat(out.rejections.get(0).message()).startsWith("bad:2:");
    }

    @Test
    void theInputsOfALaneAreReadOneAfterAnother() {
        Input first = lane("first", 100, 200);
        Input second = lane("second", 0, 300);
        Input other = lane("other", 150);
        GoldenFiles.Collected out = merged(List.of(List.of(first, second), List.of(other)));
        // second's first event (t=0) comes after first's events: within a lane, input order rules
        assertThat(names(out)).containsExactly("first-1", "other-1", "first-2", "second-1", "second-2");
    }

    @Test
    void progressAddsUpTheBytesOfAllLanes() {
        List<Input> inputs = List.of(lane("a", 1, 2, 3), lane("b", 1, 2), lane("c", 4));
        long total = inputs.stream().mapToLong(Input::size).sum();
        long[] done = {0};
        long[] current = {0};
        IngestSink c = new IngestSink() {
            @Override
            public void onEvent(Event event) {
            }

            @Override
            public void onRejected(Rejection rejection) {
            }

            @Override
            public void onInputStart(String input, String format, dev.cloudwarden.engine.event.SourceType source) {
                done[0] += current[0];
                current[0] = 0;
            }

            @Override
            public void onBytesRead(long bytes) {
                current[0] = bytes;
            }
        };
        new TimeOrderedReader(INGESTOR).read(inputs.stream().map(List::of).toList(), c);
        assertThat(done[0] + current[0]).isEqualTo(total);
    }

    @Test
    @Timeout(20)
    void aFailingSinkStopsTheReadersInsteadOfHangingThem() {
        List<List<Input>> lanes = IntStream.range(0, 4).mapToObj(l -> List.of(lane("l" + l,
                IntStream.range(0, 5_000).mapToLong(i -> i).toArray()))).toList();
        IngestSink failing = new IngestSink() {
            int seen;

            @Override
            public void onEvent(Event event) {
                if (++seen == 100) {
                    throw new IllegalStateException("disk full");
                }
            }

            @Override
            public void onRejected(Rejection rejection) {
            }
        };
        assertThatThrownBy(() -> new TimeOrderedReader(INGESTOR).read(lanes, failing)).hasMessage("disk full");
    }

    @Test
    void amongManyInputsAFolderOfManyFilesIsOneLane() {
        List<Input> inputs = new ArrayList<>();
        inputs.add(lane("logs/sshd/host1.log", 1));
        inputs.add(lane("logs/sshd/host2.log", 1));
        for (int day = 1; day <= 7; day++) {
            for (int f = 0; f < 10; f++) {
                inputs.add(lane("AWSLogs/1/CloudTrail/us-east-1/2026/11/0" + day + "/1_CloudTrail_" + f + ".json", 1));
            }
        }
        assertThat(inputs).hasSizeGreaterThan(TimeOrderedReader.MAX_LANES);
        List<List<Input>> lanes = TimeOrderedReader.lanes(inputs);
        assertThat(lanes).hasSize(3);
        assertThat(lanes.get(0)).extracting(Input::name).containsExactly("logs/sshd/host1.log");
        assertThat(lanes.get(1)).extracting(Input::name).containsExactly("logs/sshd/host2.log");
        assertThat(lanes.get(2)).hasSize(70).extracting(Input::name).isSortedAccordingTo(Comparator.naturalOrder());
    }

    /** Exports named by what they hold, not by time (one file per technique, say), are not read one after another. */
    @Test
    void fewInputsAreALaneEachWhateverTheirFolder() {
        List<Input> inputs = IntStream.range(0, TimeOrderedReader.FILES_READ_APART + 3)
                .mapToObj(i -> lane("detonations/technique-" + i + ".jsonl", 1)).toList();
        List<List<Input>> lanes = TimeOrderedReader.lanes(inputs);
        assertThat(lanes).hasSize(inputs.size()).allSatisfy(l -> assertThat(l).hasSize(1));
    }

    @Test
    void lanesBeyondTheLimitJoinEarlierOnes() {
        List<Input> inputs = IntStream.range(0, TimeOrderedReader.MAX_LANES + 6)
                .mapToObj(i -> lane("d" + i + "/x.log", 1)).toList();
        List<List<Input>> lanes = TimeOrderedReader.lanes(inputs);
        assertThat(lanes).hasSize(TimeOrderedReader.MAX_LANES);
        assertThat(lanes.stream().mapToInt(List::size).sum()).isEqualTo(inputs.size());
    }

    /** Whatever the lanes, the output is each lane's events, globally in time order when each lane is. */
    @Property(tries = 200)
    void mergingSortedLanesSortsAndLosesNothing(@ForAll @Size(min = 1, max = 6) List<@Size(max = 40) List<@IntRange(max = 500) Integer>> steps) {
        List<List<Input>> lanes = new ArrayList<>();
        int expected = 0;
        for (int l = 0; l < steps.size(); l++) {
            long t = 0;
            long[] times = new long[steps.get(l).size()];
            for (int i = 0; i < times.length; i++) {
                t += steps.get(l).get(i);
                times[i] = t;
            }
            expected += times.length;
            lanes.add(List.of(lane("lane" + l, times)));
        }
        GoldenFiles.Collected out = merged(lanes);
        assertThat(out.events).hasSize(expected);
        assertThat(out.events).extracting(Event::time).isSortedAccordingTo(Comparator.naturalOrder());
        assertThat(out.rejections).isEmpty();
    }
}
