package dev.cloudwarden.engine.state;

/**
 * A map for the current key (Flink's {@code MapState}). Iteration order is unspecified (a RocksDB backend
 * orders by serialized bytes), so callers that need an order keep it themselves.
 */
public interface MapState<K, V> {
    /** The value at {@code key}, or null. */
    V get(K key);

    void put(K key, V value);

    void remove(K key);

    boolean contains(K key);

    /** The keys present, in no particular order. Do not modify the map while iterating. */
    Iterable<K> keys();

    boolean isEmpty();

    void clear();
}
