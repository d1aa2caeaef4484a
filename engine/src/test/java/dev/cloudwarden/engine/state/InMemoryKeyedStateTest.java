package dev.cloudwarden.engine.state;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InMemoryKeyedStateTest {
    private final InMemoryKeyedState<String> state = new InMemoryKeyedState<>(Comparator.naturalOrder());

    /** Counts elements per key, keeps a set of seen words, and asks for a timer at each element's time. */
    private static final class Counter implements KeyedProcessor<String, Long, String> {
        @Override
        public void processElement(Long time, KeyedState<String> s, Consumer<String> out) {
            ValueState<Integer> count = s.valueState("count", Integer.class);
            count.update(count.value() == null ? 1 : count.value() + 1);
            s.mapState("times", Long.class, String.class).put(time, s.currentKey() + "@" + time);
            s.timers().registerEventTimeTimer(time);
        }

        @Override
        public void onTimer(long time, KeyedState<String> s, Consumer<String> out) {
            MapState<Long, String> times = s.mapState("times", Long.class, String.class);
            out.accept(times.get(time) + " wm=" + s.timers().currentWatermark());
            times.remove(time);
            if (times.isEmpty()) {
                s.valueState("count", Integer.class).clear();
            }
        }
    }

    @Test
    void stateIsScopedToTheCurrentKey() {
        Counter c = new Counter();
        List<String> out = new ArrayList<>();
        state.processElement("a", 10L, c, out::add);
        state.processElement("a", 20L, c, out::add);
        state.processElement("b", 15L, c, out::add);

        assertThat(state.keyCount()).isEqualTo(2);
        assertThat(state.entryCount()).as("a: count + 2 times; b: count + 1 time").isEqualTo(5);
        state.processElement("a", 30L, new KeyedProcessor<String, Long, String>() {
            @Override
            public void processElement(Long element, KeyedState<String> s, Consumer<String> o) {
                o.accept("a has " + s.valueState("count", Integer.class).value());
            }

            @Override
            public void onTimer(long time, KeyedState<String> s, Consumer<String> o) {
            }
        }, out::add);
        assertThat(out).containsExactly("a has 2");
    }

    @Test
    void timersFireInTimeOrderThenKeyOrderOnceTheWatermarkReachesThem() {
        Counter c = new Counter();
        List<String> out = new ArrayList<>();
        state.processElement("b", 20L, c, out::add);
        state.processElement("a", 20L, c, out::add);
        state.processElement("a", 10L, c, out::add);
        state.processElement("c", 30L, c, out::add);

        state.advanceWatermark(19, c, out::add);
        assertThat(out).containsExactly("a@10 wm=19");
        state.advanceWatermark(25, c, out::add);
        assertThat(out).containsExactly("a@10 wm=19", "a@20 wm=25", "b@20 wm=25");
        assertThat(state.keyCount()).as("a and b are done and forgotten").isEqualTo(1);
        assertThat(state.timerCount()).isEqualTo(1);

        state.advanceWatermark(5, c, out::add);
        assertThat(state.watermark()).as("the watermark never goes back").isEqualTo(25);
        state.advanceWatermark(Long.MAX_VALUE, c, out::add);
        assertThat(out).last().isEqualTo("c@30 wm=" + Long.MAX_VALUE);
        assertThat(state.keyCount()).isZero();
        assertThat(state.entryCount()).isZero();
    }

    @Test
    void aTimerIsOnePerKeyAndTimeAndCanBeDeleted() {
        List<Long> fired = new ArrayList<>();
        KeyedProcessor<String, Long, String> p = new KeyedProcessor<>() {
            @Override
            public void processElement(Long time, KeyedState<String> s, Consumer<String> out) {
                if (time < 0) {
                    s.timers().deleteEventTimeTimer(-time);
                } else {
                    s.timers().registerEventTimeTimer(time);
                }
            }

            @Override
            public void onTimer(long time, KeyedState<String> s, Consumer<String> out) {
                fired.add(time);
            }
        };
        state.processElement("k", 5L, p, s -> { });
        state.processElement("k", 5L, p, s -> { });
        state.processElement("k", 7L, p, s -> { });
        state.processElement("k", -7L, p, s -> { });
        assertThat(state.timerCount()).isEqualTo(1);

        state.advanceWatermark(100, p, s -> { });
        assertThat(fired).containsExactly(5L);
    }

    @Test
    void aTimerRegisteredForADueTimeFiresInTheSameAdvance() {
        List<Long> fired = new ArrayList<>();
        KeyedProcessor<String, Long, String> p = new KeyedProcessor<>() {
            @Override
            public void processElement(Long time, KeyedState<String> s, Consumer<String> out) {
                s.timers().registerEventTimeTimer(time);
            }

            @Override
            public void onTimer(long time, KeyedState<String> s, Consumer<String> out) {
                fired.add(time);
                if (fired.size() == 1) {
                    s.timers().registerEventTimeTimer(10); // e.g. a chained element for the same time
                    s.timers().registerEventTimeTimer(12);
                }
            }
        };
        state.processElement("k", 10L, p, s -> { });
        state.advanceWatermark(20, p, s -> { });
        assertThat(fired).containsExactly(10L, 10L, 12L);
    }

    @Test
    void aNameIsEitherAValueOrAMap() {
        state.processElement("k", 1L, new KeyedProcessor<String, Long, String>() {
            @Override
            public void processElement(Long element, KeyedState<String> s, Consumer<String> out) {
                s.valueState("x", Long.class);
                assertThatThrownBy(() -> s.mapState("x", Long.class, Long.class))
                        .isInstanceOf(IllegalStateException.class).hasMessageContaining("'x'");
            }

            @Override
            public void onTimer(long time, KeyedState<String> s, Consumer<String> out) {
            }
        }, s -> { });
    }

    @Test
    void stateOutsideACallbackIsAnError() {
        assertThatThrownBy(() -> state.valueState("x", Long.class).value())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no current key");
    }
}
