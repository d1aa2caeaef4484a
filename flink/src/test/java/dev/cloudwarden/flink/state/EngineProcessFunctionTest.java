package dev.cloudwarden.flink.state;

import dev.cloudwarden.engine.state.KeyedProcessor;
import dev.cloudwarden.engine.state.KeyedState;
import dev.cloudwarden.engine.state.MapState;
import dev.cloudwarden.engine.state.ValueState;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** An engine operator over Flink's keyed state and event-time timers, on the local MiniCluster. */
class EngineProcessFunctionTest {
    /** One event of a key, of a kind, at an event time (epoch ms). */
    public record Ev(String key, String kind, long time) {
    }

    /**
     * Counts a key's events by kind until it is quiet for 10 s (a timer moved on by every event), then says what it
     * counted and forgets the key: a value, a map and a timer, as the engine's correlation windows use them.
     */
    static final class UntilQuiet implements KeyedProcessor<String, Ev, String> {
        @Override
        public void processElement(Ev e, KeyedState<String> state, Consumer<String> out) {
            ValueState<Long> due = state.valueState("due", Long.class);
            MapState<String, Long> kinds = state.mapState("kinds", String.class, Long.class);
            kinds.put(e.kind(), (kinds.contains(e.kind()) ? kinds.get(e.kind()) : 0L) + 1);
            if (due.value() != null) {
                state.timers().deleteEventTimeTimer(due.value());
            }
            due.update(e.time() + 10_000);
            state.timers().registerEventTimeTimer(e.time() + 10_000);
        }

        @Override
        public void onTimer(long time, KeyedState<String> state, Consumer<String> out) {
            MapState<String, Long> kinds = state.mapState("kinds", String.class, Long.class);
            TreeMap<String, Long> counted = new TreeMap<>();
            kinds.keys().forEach(k -> counted.put(k, kinds.get(k)));
            out.accept(state.currentKey() + "@" + time + " " + counted);
            kinds.clear();
            state.valueState("due", Long.class).clear();
        }
    }

    /** Raises the watermark to each event's time. */
    static final class PerEvent implements WatermarkGenerator<Ev> {
        @Override
        public void onEvent(Ev e, long time, WatermarkOutput output) {
            output.emitWatermark(new Watermark(time));
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            // every event raises it already
        }
    }

    @Test
    void anEngineOperatorKeepsItsStateAndTimersInFlink() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        List<Ev> events = List.of(new Ev("a", "x", 0), new Ev("b", "z", 1_000), new Ev("a", "y", 5_000),
                new Ev("b", "z", 9_000), new Ev("a", "x", 30_000), new Ev("b", "x", 40_000));
        List<String> out = new ArrayList<>();
        // a watermark after every event, so timers fire mid-stream at known points (a record goes downstream before
        // the watermark its arrival raises)
        WatermarkStrategy<Ev> perEvent = WatermarkStrategy.<Ev>forGenerator(c -> new PerEvent())
                .withTimestampAssigner((e, t) -> e.time());
        env.fromData(events).assignTimestampsAndWatermarks(perEvent)
                .keyBy(Ev::key).process(new EngineProcessFunction<>(UntilQuiet::new, Types.STRING))
                .executeAndCollect().forEachRemaining(out::add);
        // a@30000 arrives before the watermark passes a's timer at 15000, moves it to 40000 and joins the count; the
        // watermark of 30000 fires b's timer at 19000, which forgets b, so b's last event counts alone at 50000
        assertThat(out).containsExactlyInAnyOrder("b@19000 {z=2}", "a@40000 {x=2, y=1}", "b@50000 {x=1}");
    }

    /** Remembers a key forever and says whether it had seen it: only Flink's TTL can forget it. */
    static final class Remembers implements KeyedProcessor<String, Ev, String> {
        @Override
        public void processElement(Ev e, KeyedState<String> state, Consumer<String> out) {
            ValueState<Long> seen = state.valueState("seen", Long.class);
            out.accept(e.key() + (seen.value() == null ? " new" : " seen"));
            seen.update(e.time());
        }

        @Override
        public void onTimer(long time, KeyedState<String> state, Consumer<String> out) {
        }
    }

    @Test
    void stateTheEngineNeverClearsExpiresWithTheTtl() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        List<String> out = new ArrayList<>();
        // b comes twice at once; a comes again after more than its TTL of wall time
        env.fromData(new Ev("a", "x", 0), new Ev("b", "x", 1), new Ev("b", "x", 2), new Ev("a", "pause", 3))
                .map(e -> {
                    if (e.kind().equals("pause")) {
                        Thread.sleep(1_500);
                    }
                    return e;
                })
                .keyBy(Ev::key).process(new EngineProcessFunction<>(Remembers::new, Types.STRING,
                        new StateTtl(java.time.Duration.ofMillis(500))))
                .executeAndCollect().forEachRemaining(out::add);
        assertThat(out).containsExactly("a new", "b new", "b seen", "a new");
    }
}
