package dev.cloudwarden.engine.state;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
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
    // A key's states sit in an array, one slot per declared name, so that a callback finds the key once and then
    // reaches each of its states by index, not by two hash lookups per access (that was most of a correlation's cost).
    private final Map<K, Object[]> store = new HashMap<>();
    private final Map<String, Handle> handles = new HashMap<>();
    // Timers in a heap ordered by time, then key, beside the set of those still registered: a deleted timer stays in
    // the heap until its time and is skipped then. (A sorted map of per-time key sets built a tree node and a set per
    // millisecond, most of a correlation's timer cost.)
    private final PriorityQueue<Timer<K>> timerQueue;
    private final Set<Timer<K>> timers = new HashSet<>();
    private final TimerService timerService = new Timers();
    private long watermark = Long.MIN_VALUE;
    private K current;
    private Object[] currentSlots; // the current key's states, once looked up in this callback; null: not yet or none

    public InMemoryKeyedState(Comparator<? super K> keyOrder) {
        this.timerQueue = new PriorityQueue<>(Comparator.<Timer<K>>comparingLong(Timer::time)
                .thenComparing(Timer::key, keyOrder));
    }

    private record Timer<K>(long time, K key) {
    }

    /** Hands one element to {@code processor} with {@code key} as the current key. */
    public <I, O> void processElement(K key, I element, KeyedProcessor<K, I, O> processor, Consumer<O> out) {
        enter(key);
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
        Timer<K> head = timerQueue.peek();
        while (head != null && !timers.contains(head)) { // deleted
            timerQueue.poll();
            head = timerQueue.peek();
        }
        if (head == null || head.time() > watermark) {
            return false;
        }
        long time = head.time();
        List<K> due = new ArrayList<>();
        while (!timerQueue.isEmpty() && timerQueue.peek().time() == time) {
            Timer<K> t = timerQueue.poll();
            if (timers.remove(t)) {
                due.add(t.key()); // in key order; timers registered from here on fire in a later round
            }
        }
        for (K key : due) {
            enter(key);
            processor.onTimer(time, this, out);
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
        for (Object[] slots : store.values()) {
            for (Object s : slots) {
                n += s == null ? 0 : s instanceof MapHolder m ? m.map.size() : 1;
            }
        }
        return n;
    }

    public int timerCount() {
        return timers.size();
    }

    @Override
    public K currentKey() {
        return current;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> ValueState<T> valueState(String name, Class<T> type) {
        Handle h = handles.get(name);
        if (h instanceof ValueState && ((Value<?>) h).type == type) {
            return (ValueState<T>) h;
        }
        return remember(name, new Value<>(slot(name, h, ValueState.class), type));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <MK, MV> MapState<MK, MV> mapState(String name, Class<MK> keyType, Class<MV> valueType) {
        Handle h = handles.get(name);
        if (h instanceof MapState && ((MapHandle<?, ?>) h).valueType == valueType) {
            return (MapState<MK, MV>) h;
        }
        return remember(name, new MapHandle<>(slot(name, h, MapState.class), valueType));
    }

    @Override
    public TimerService timers() {
        return timerService;
    }

    /** The slot of state {@code name}: its existing one (a name keeps its kind) or the next free one. */
    private int slot(String name, Handle existing, Class<?> kind) {
        if (existing == null) {
            return handles.size();
        }
        if (!kind.isInstance(existing)) {
            throw new IllegalStateException("state '" + name + "' is already a "
                    + (existing instanceof ValueState ? ValueState.class : MapState.class).getSimpleName());
        }
        return existing.slot();
    }

    private <H extends Handle> H remember(String name, H handle) {
        handles.putIfAbsent(name, handle);
        return handle;
    }

    private void enter(K key) {
        current = key;
        currentSlots = null;
    }

    private Object read(int slot) {
        Object[] slots = slots();
        return slots == null || slot >= slots.length ? null : slots[slot];
    }

    private void write(int slot, Object value) {
        Object[] slots = slots();
        if (slots == null || slot >= slots.length) {
            slots = slots == null ? new Object[handles.size()] : java.util.Arrays.copyOf(slots, handles.size());
            store.put(current, slots);
            currentSlots = slots;
        }
        slots[slot] = value;
    }

    private void drop(int slot) {
        Object[] slots = slots();
        if (slots != null && slot < slots.length) {
            slots[slot] = null;
            for (Object s : slots) {
                if (s != null) {
                    return;
                }
            }
            store.remove(current);
            currentSlots = null;
        }
    }

    private Object[] slots() {
        if (currentSlots == null) {
            currentSlots = store.get(requireKey());
        }
        return currentSlots;
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

    /** A state handle: its slot in every key's array. */
    private interface Handle {
        int slot();
    }

    private final class Value<T> implements ValueState<T>, Handle {
        private final int slot;
        private final Class<T> type;

        Value(int slot, Class<T> type) {
            this.slot = slot;
            this.type = type;
        }

        @Override
        public int slot() {
            return slot;
        }

        @Override
        public T value() {
            return type.cast(read(slot));
        }

        @Override
        public void update(T value) {
            if (value == null) {
                clear();
            } else {
                write(slot, type.cast(value));
            }
        }

        @Override
        public void clear() {
            drop(slot);
        }
    }

    private final class MapHandle<MK, MV> implements MapState<MK, MV>, Handle {
        private final int slot;
        private final Class<MV> valueType;

        MapHandle(int slot, Class<MV> valueType) {
            this.slot = slot;
            this.valueType = valueType;
        }

        @Override
        public int slot() {
            return slot;
        }

        private Map<Object, Object> map() {
            Object holder = read(slot);
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
                write(slot, new MapHolder(m));
            }
            m.put(key, valueType.cast(value));
        }

        @Override
        public void remove(MK key) {
            Map<Object, Object> m = map();
            if (m != null) {
                m.remove(key);
                if (m.isEmpty()) {
                    drop(slot);
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
            drop(slot);
        }
    }

    private final class Timers implements TimerService {
        @Override
        public long currentWatermark() {
            return watermark;
        }

        @Override
        public void registerEventTimeTimer(long time) {
            Timer<K> t = new Timer<>(time, requireKey());
            if (timers.add(t)) {
                timerQueue.add(t);
            }
        }

        @Override
        public void deleteEventTimeTimer(long time) {
            timers.remove(new Timer<>(time, requireKey()));
        }
    }
}
