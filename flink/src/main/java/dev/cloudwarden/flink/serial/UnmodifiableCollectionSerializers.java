package dev.cloudwarden.flink.serial;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JDK's unmodifiable collections ({@code List.of}, {@code List.copyOf}, {@code Stream.toList}, {@code Map.copyOf},
 * {@code Collections.unmodifiable...}), which the engine's records hold everywhere. Kryo's own collection serializer
 * makes an empty instance and adds to it, which these refuse; these serializers read the elements and build the
 * collection in one call. They are immutable, so a copy is the same instance.
 */
final class UnmodifiableCollectionSerializers {
    private UnmodifiableCollectionSerializers() {
    }

    /** The concrete classes each serializer is the default for (and for their subclasses). */
    static Map<Class<?>, Class<? extends Serializer<?>>> defaults() {
        Map<Class<?>, Class<? extends Serializer<?>>> m = new LinkedHashMap<>();
        for (Object list : List.of(List.of(), List.of(1), List.of(1, 2, 3), Collections.unmodifiableList(new ArrayList<>()),
                Collections.unmodifiableList(new java.util.LinkedList<>()), Arrays.asList(1).stream().toList())) {
            m.put(list.getClass(), ListSerializer.class);
        }
        for (Object set : List.of(Set.of(), Set.of(1), Set.of(1, 2, 3), Collections.unmodifiableSet(new LinkedHashSet<>()))) {
            m.put(set.getClass(), SetSerializer.class);
        }
        for (Object map : List.of(Map.of(), Map.of(1, 1), Map.of(1, 1, 2, 2), Collections.unmodifiableMap(new LinkedHashMap<>()))) {
            m.put(map.getClass(), MapSerializer.class);
        }
        return m;
    }

    public static final class ListSerializer extends Serializer<List<Object>> {
        public ListSerializer() {
            super(false, true);
        }

        @Override
        public void write(Kryo kryo, Output out, List<Object> list) {
            out.writeVarInt(list.size(), true);
            for (Object o : list) {
                kryo.writeClassAndObject(out, o);
            }
        }

        @Override
        public List<Object> read(Kryo kryo, Input in, Class<? extends List<Object>> type) {
            Object[] items = new Object[in.readVarInt(true)];
            boolean nulls = false;
            for (int i = 0; i < items.length; i++) {
                items[i] = kryo.readClassAndObject(in);
                nulls |= items[i] == null;
            }
            return nulls ? Collections.unmodifiableList(Arrays.asList(items)) : List.of(items);
        }
    }

    public static final class SetSerializer extends Serializer<Set<Object>> {
        public SetSerializer() {
            super(false, true);
        }

        @Override
        public void write(Kryo kryo, Output out, Set<Object> set) {
            out.writeVarInt(set.size(), true);
            for (Object o : set) {
                kryo.writeClassAndObject(out, o);
            }
        }

        @Override
        public Set<Object> read(Kryo kryo, Input in, Class<? extends Set<Object>> type) {
            int n = in.readVarInt(true);
            Set<Object> items = new LinkedHashSet<>();
            for (int i = 0; i < n; i++) {
                items.add(kryo.readClassAndObject(in));
            }
            return Collections.unmodifiableSet(items); // keeps the order it was written in, unlike Set.of
        }
    }

    public static final class MapSerializer extends Serializer<Map<Object, Object>> {
        public MapSerializer() {
            super(false, true);
        }

        @Override
        public void write(Kryo kryo, Output out, Map<Object, Object> map) {
            out.writeVarInt(map.size(), true);
            for (Map.Entry<Object, Object> e : map.entrySet()) {
                kryo.writeClassAndObject(out, e.getKey());
                kryo.writeClassAndObject(out, e.getValue());
            }
        }

        @Override
        public Map<Object, Object> read(Kryo kryo, Input in, Class<? extends Map<Object, Object>> type) {
            int n = in.readVarInt(true);
            Map<Object, Object> items = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                items.put(kryo.readClassAndObject(in), kryo.readClassAndObject(in));
            }
            return Collections.unmodifiableMap(items);
        }
    }
}
