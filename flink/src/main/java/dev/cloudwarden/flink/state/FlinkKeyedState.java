package dev.cloudwarden.flink.state;

import dev.cloudwarden.engine.state.ImmutableState;
import dev.cloudwarden.engine.state.KeyedState;
import dev.cloudwarden.engine.state.MapState;
import dev.cloudwarden.engine.state.TimerService;
import dev.cloudwarden.engine.state.ValueState;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateDescriptor;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;

import java.util.HashMap;
import java.util.Map;

/**
 * The engine's keyed state over Flink's: a named value or map is a Flink {@code ValueState} or {@code MapState} of
 * the same name (so names in checkpoints and savepoints are the engine's), and the timers are the operator's
 * event-time timers. Like Flink's handles, a handle acts on the key of the ongoing callback; the function sets that
 * callback's context before handing the state to the engine.
 *
 * @param <K> the key type
 */
final class FlinkKeyedState<K> implements KeyedState<K> {
    private final RuntimeContext runtime;
    private final StateTtl ttl;
    private final Map<String, ValueState<?>> values = new HashMap<>();
    private final Map<String, MapState<?, ?>> maps = new HashMap<>();
    private final TimerService timers = new Timers();
    private KeyedProcessFunction<K, ?, ?>.Context context;

    FlinkKeyedState(RuntimeContext runtime, StateTtl ttl) {
        this.runtime = runtime;
        this.ttl = ttl;
    }

    /** The callback now running: its key, its timers. */
    void enter(KeyedProcessFunction<K, ?, ?>.Context ongoing) {
        this.context = ongoing;
    }

    @Override
    public K currentKey() {
        return context.getCurrentKey();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> ValueState<T> valueState(String name, Class<T> type) {
        return (ValueState<T>) values.computeIfAbsent(name, n -> new FlinkValue<>(
                runtime.getState(withTtl(new ValueStateDescriptor<>(n, serializer(type))))));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <MK, MV> MapState<MK, MV> mapState(String name, Class<MK> keyType, Class<MV> valueType) {
        return (MapState<MK, MV>) maps.computeIfAbsent(name, n -> new FlinkMap<>(
                runtime.getMapState(withTtl(new MapStateDescriptor<>(n, serializer(keyType), serializer(valueType))))));
    }

    /** The type's own serializer, shared rather than copied for values the engine never changes once stored. */
    private <T> TypeSerializer<T> serializer(Class<T> type) {
        TypeSerializer<T> own = runtime.createSerializer(TypeInformation.of(type));
        return ImmutableState.class.isAssignableFrom(type) ? new SharedValueSerializer<>(own) : own;
    }

    private <D extends StateDescriptor<?, ?>> D withTtl(D descriptor) {
        if (ttl.ttl() != null) {
            descriptor.enableTimeToLive(ttl.flinkConfig());
        }
        return descriptor;
    }

    @Override
    public TimerService timers() {
        return timers;
    }

    private final class Timers implements TimerService {
        @Override
        public long currentWatermark() {
            return context.timerService().currentWatermark();
        }

        @Override
        public void registerEventTimeTimer(long time) {
            context.timerService().registerEventTimeTimer(time);
        }

        @Override
        public void deleteEventTimeTimer(long time) {
            context.timerService().deleteEventTimeTimer(time);
        }
    }

    private record FlinkValue<T>(org.apache.flink.api.common.state.ValueState<T> state) implements ValueState<T> {
        @Override
        public T value() {
            return StateCalls.call(state::value);
        }

        @Override
        public void update(T value) {
            StateCalls.run(() -> state.update(value));
        }

        @Override
        public void clear() {
            state.clear();
        }
    }

    private record FlinkMap<K, V>(org.apache.flink.api.common.state.MapState<K, V> state) implements MapState<K, V> {
        @Override
        public V get(K key) {
            return StateCalls.call(() -> state.get(key));
        }

        @Override
        public void put(K key, V value) {
            StateCalls.run(() -> state.put(key, value));
        }

        @Override
        public void remove(K key) {
            StateCalls.run(() -> state.remove(key));
        }

        @Override
        public boolean contains(K key) {
            return StateCalls.call(() -> state.contains(key));
        }

        @Override
        public Iterable<K> keys() {
            return StateCalls.call(state::keys);
        }

        @Override
        public boolean isEmpty() {
            return StateCalls.call(state::isEmpty);
        }

        @Override
        public void clear() {
            state.clear();
        }
    }
}
