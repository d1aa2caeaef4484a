package dev.cloudwarden.engine.state;

import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Keyed state and event-time timers in plain maps, for the local runner. Empty states are dropped as soon as
 * they are cleared, and a key with no state left is forgotten, so {@link #keyCount()} measures what the
 * operator really holds.
 *
 * <p>Timers due at the same time fire in {@code keyOrder}, not in registration order: registration order
 * follows arrival order, and the output must not depend on how out of order the input was. Not thread-safe:
 * one instance per operator instance, as with Flink.
 *
 * @param <K> key type; keys must implement equals and hashCode
 */
public final class InMemoryKeyedState<K> implements KeyedState<K> {
    private final Map<K, Map<String, Object>> store = new HashMap<>();
    private final Map<String, Class<?>> kinds = new HashMap<>();
    private final TreeMap<Long, TreeSet<K>> timers = new TreeMap<>();
    private final Comparator<? super K> keyOrder;
    private final TimerService timerService = new Timers();
    private long watermark = Long.MIN_VALUE;
    private K current;

    public InMemoryKeyedState(Comparator<? super K> keyOrder) {
        this.keyOrder = keyOrder;
    }

    /** Hands one element to {@code processor} with {@code key} as the current key. */
    public <I, O> void processElement(K key, I element, KeyedProcessor<K, I, O> processor, Consumer<O> out) {
        current = key;
        processor.processElement(element, this, out);
    }

    /** Moves the watermark to {@code time} (never back); timers up to it become due. */
    public void advanceWatermark(long time) {
        watermark = Math.max(watermark, time);
    }

    /**
     * Fires every timer of the earliest due time and returns true, or returns false when no timer is due.
     * A driver that feeds outputs back in (chained operators) calls this in a loop and feeds them between two
     * times, so nothing reaches a key after that key has moved past the element's time.
     */
    public <O> boolean fireEarliest(KeyedProcessor<K, ?, O> processor, Consumer<O> out) {
        Map.Entry<Long, TreeSet<K>> due = timers.firstEntry();
        if (due == null || due.getKey() > watermark) {
            return false;
        }
        timers.remove(due.getKey());
        for (K key : due.getValue()) {
            current = key;
            processor.onTimer(due.getKey(), this, out);
        }
        return true;
    }

    /** Advances the watermark and fires everything that became due. */
    public <O> void advanceWatermark(long time, KeyedProcessor<K, ?, O> processor, Consumer<O> out) {
        advanceWatermark(time);
        while (fireEarliest(processor, out)) {
            // each round fires one timestamp; timers registered for due times fire in a later round
        }
    }

    public long watermark() {
        return watermark;
    }

    /** Keys holding any state. */
    public int keyCount() {
        return store.size();
    }

    /** Values plus map entries over all keys: what the state costs, in items. */
    public int entryCount() {
        int n = 0;
        for (Map<String, Object> states : store.values()) {
            for (Object s : states.values()) {
                n += s instanceof MapHolder m ? m.map.size() : 1;
            }
        }
        return n;
    }

    public int timerCount() {
        return timers.values().stream().mapToInt(TreeSet::size).sum();
    }

    @Override
    public K currentKey() {
        return current;
    }

    @Override
    public <T> ValueState<T> valueState(String name, Class<T> type) {
        declare(name, ValueState.class);
        return new Value<>(name, type);
    }

    @Override
    public <MK, MV> MapState<MK, MV> mapState(String name, Class<MK> keyType, Class<MV> valueType) {
        declare(name, MapState.class);
        return new MapHandle<>(name, valueType);
    }

    @Override
    public TimerService timers() {
        return timerService;
    }

    private void declare(String name, Class<?> kind) {
        Class<?> before = kinds.putIfAbsent(name, kind);
        if (before != null && before != kind) {
            throw new IllegalStateException("state '" + name + "' is already a " + before.getSimpleName());
        }
    }

    private Object read(String name) {
        Map<String, Object> states = store.get(requireKey());
        return states == null ? null : states.get(name);
    }

    private void write(String name, Object value) {
        store.computeIfAbsent(requireKey(), k -> new HashMap<>()).put(name, value);
    }

    private void drop(String name) {
        K key = requireKey();
        Map<String, Object> states = store.get(key);
        if (states != null) {
            states.remove(name);
            if (states.isEmpty()) {
                store.remove(key);
            }
        }
    }

    private K requireKey() {
        if (current == null) {
            throw new IllegalStateException("no current key: state is only reachable inside a callback");
        }
        return current;
    }

    /** Wraps a map state's map so it cannot be mistaken for a value that happens to be a Map. */
    private record MapHolder(Map<Object, Object> map) {
    }

    private final class Value<T> implements ValueState<T> {
        private final String name;
        private final Class<T> type;

        Value(String name, Class<T> type) {
            this.name = name;
            this.type = type;
        }

        @Override
        public T value() {
            return type.cast(read(name));
        }

        @Override
        public void update(T value) {
            if (value == null) {
                clear();
            } else {
                write(name, type.cast(value));
            }
        }

        @Override
        public void clear() {
            drop(name);
        }
    }

    private final class MapHandle<MK, MV> implements MapState<MK, MV> {
        private final String name;
        private final Class<MV> valueType;

        MapHandle(String name, Class<MV> valueType) {
            this.name = name;
            this.valueType = valueType;
        }

        private Map<Object, Object> map() {
            Object holder = read(name);
            return holder == null ? null : ((MapHolder) holder).map;
        }

        @Override
        public MV get(MK key) {
            Map<Object, Object> m = map();
            return m == null ? null : valueType.cast(m.get(key));
        }

        @Override
        public void put(MK key, MV value) {
            Map<Object, Object> m = map();
            if (m == null) {
                m = new HashMap<>();
                write(name, new MapHolder(m));
            }
            m.put(key, valueType.cast(value));
        }

        @Override
        public void remove(MK key) {
            Map<Object, Object> m = map();
            if (m != null) {
                m.remove(key);
                if (m.isEmpty()) {
                    drop(name);
                }
            }
        }

        @Override
        public boolean contains(MK key) {
            Map<Object, Object> m = map();
            return m != null && m.containsKey(key);
        }

        @Override
        @SuppressWarnings("unchecked")
        public Iterable<MK> keys() {
            Map<Object, Object> m = map();
            return m == null ? List.of() : (Iterable<MK>) Collections.unmodifiableSet(m.keySet());
        }

        @Override
        public boolean isEmpty() {
            return map() == null;
        }

        @Override
        public void clear() {
            drop(name);
        }
    }

    private final class Timers implements TimerService {
        @Override
        public long currentWatermark() {
            return watermark;
        }

        @Override
        public void registerEventTimeTimer(long time) {
            timers.computeIfAbsent(time, t -> new TreeSet<>(keyOrder)).add(requireKey());
        }

        @Override
        public void deleteEventTimeTimer(long time) {
            TreeSet<K> keys = timers.get(time);
            if (keys != null && keys.remove(requireKey()) && keys.isEmpty()) {
                timers.remove(time);
            }
        }
    }
}
