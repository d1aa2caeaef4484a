package dev.cloudwarden.engine.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    // A key's states sit in an entry, one slot per declared name, with the times of its timers: a callback finds the
    // key once (a timer's callback not at all: the timer holds the entry) and then reaches each state by index, not
    // by two hash lookups per access. State and timer lookups by key were most of what a correlation cost.
    private final Map<K, Entry<K>> store = new HashMap<>();
    private final Map<String, Handle> handles = new HashMap<>();
    private final Comparator<? super K> keyOrder;
    private final TimerHeap<Entry<K>> timers = new TimerHeap<>();
    private final TimerService timerService = new Timers();
    private int timerCount;
    private long watermark = Long.MIN_VALUE;
    private K current;
    private Entry<K> currentEntry; // the current key's entry once looked up (or given by its timer); null: none
    private boolean lookedUp;

    public InMemoryKeyedState(Comparator<? super K> keyOrder) {
        this.keyOrder = keyOrder;
    }

    /** A key's states (null slots: none) and the times of its registered timers; it lives while it holds either. */
    private static final class Entry<K> {
        final K key;
        Object[] slots = new Object[0];
        long[] timerTimes = new long[0];
        int timerCount;

        Entry(K key) {
            this.key = key;
        }

        boolean holdsState() {
            for (Object s : slots) {
                if (s != null) {
                    return true;
                }
            }
            return false;
        }

        /** The timer's index in {@code timerTimes}, kept sorted (a key with a busy hour has many): negative if none. */
        int indexOfTimer(long time) {
            return Arrays.binarySearch(timerTimes, 0, timerCount, time);
        }

        /** Adds a time not yet registered; most come in order, so they go at the end. */
        void addTimer(long time) {
            if (timerCount == timerTimes.length) {
                timerTimes = Arrays.copyOf(timerTimes, Math.max(2, 2 * timerCount));
            }
            int at = -indexOfTimer(time) - 1;
            System.arraycopy(timerTimes, at, timerTimes, at + 1, timerCount - at);
            timerTimes[at] = time;
            timerCount++;
        }

        void removeTimer(int i) {
            System.arraycopy(timerTimes, i + 1, timerTimes, i, --timerCount - i);
        }
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
        List<Entry<K>> due = new ArrayList<>();
        long time = 0;
        while (!timers.isEmpty() && due.isEmpty()) {
            time = timers.peekTime();
            if (time > watermark) {
                return false;
            }
            // every timer of that time; a deleted (or already taken) one is skipped: its entry no longer lists the time.
            // Timers registered for this time from here on fire in a later round.
            while (!timers.isEmpty() && timers.peekTime() == time) {
                Entry<K> e = timers.poll();
                int i = e.indexOfTimer(time);
                if (i >= 0) {
                    e.removeTimer(i);
                    timerCount--;
                    due.add(e);
                }
            }
        }
        if (due.isEmpty()) {
            return false;
        }
        if (due.size() > 1) {
            due.sort((a, b) -> keyOrder.compare(a.key, b.key)); // the heap leaves equal times unordered
        }
        for (Entry<K> e : due) {
            enter(e);
            processor.onTimer(time, this, out);
            release(e);
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
        return (int) store.values().stream().filter(Entry::holdsState).count();
    }

    /** Values plus map entries (and the items of {@link CountedState} values) over all keys: what the state costs, in items. */
    public int entryCount() {
        int n = 0;
        for (Entry<K> e : store.values()) {
            for (Object s : e.slots) {
                n += s == null ? 0 : s instanceof MapHolder m ? m.map.size() : s instanceof CountedState c ? c.items() : 1;
            }
        }
        return n;
    }

    public int timerCount() {
        return timerCount;
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
        currentEntry = null;
        lookedUp = false;
    }

    private void enter(Entry<K> e) {
        current = e.key;
        currentEntry = e;
        lookedUp = true;
    }

    /** The current key's entry; made (and stored) when {@code create} and there is none. */
    private Entry<K> entry(boolean create) {
        if (!lookedUp) {
            currentEntry = store.get(requireKey());
            lookedUp = true;
        }
        if (currentEntry == null && create) {
            currentEntry = new Entry<>(requireKey());
            store.put(current, currentEntry);
        }
        return currentEntry;
    }

    /** Forgets the entry once it holds neither state nor timers. */
    private void release(Entry<K> e) {
        if (e.timerCount == 0 && !e.holdsState()) {
            store.remove(e.key, e);
            if (currentEntry == e) {
                currentEntry = null;
            }
        }
    }

    private Object read(int slot) {
        Entry<K> e = entry(false);
        return e == null || slot >= e.slots.length ? null : e.slots[slot];
    }

    private void write(int slot, Object value) {
        Entry<K> e = entry(true);
        if (slot >= e.slots.length) {
            e.slots = Arrays.copyOf(e.slots, handles.size());
        }
        e.slots[slot] = value;
    }

    private void drop(int slot) {
        Entry<K> e = entry(false);
        if (e != null && slot < e.slots.length) {
            e.slots[slot] = null;
            release(e);
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
            Entry<K> e = entry(true);
            if (e.indexOfTimer(time) < 0) {
                e.addTimer(time);
                timers.add(time, e);
                timerCount++;
            }
        }

        @Override
        public void deleteEventTimeTimer(long time) {
            Entry<K> e = entry(false);
            int i = e == null ? -1 : e.indexOfTimer(time);
            if (i >= 0) {
                e.removeTimer(i); // its place in the heap is skipped when it comes up
                timerCount--;
                release(e);
            }
        }
    }
}
