package dev.cloudwarden.engine.intel.match;

/**
 * An {@code int} → slot table with open addressing (IPv4 addresses as their 32 bits). No boxing and no entry
 * objects: about 13 bytes per key at the load factor used, where a {@code HashMap<Integer, Object>} takes ~50.
 * Filled once while the index is built, then only read.
 */
final class IntTable {
    private static final int EMPTY_MARK = 0;
    private int[] keys;
    private Object[] values; // null = free; a key of 0 is kept aside in zeroValue
    private Object zeroValue;
    private int size;
    private int mask;

    IntTable(int expected) {
        int capacity = Integer.highestOneBit(Math.max(4, (int) (expected / 0.6f)) - 1) << 1;
        keys = new int[capacity];
        values = new Object[capacity];
        mask = capacity - 1;
    }

    Object get(int key) {
        if (key == EMPTY_MARK) {
            return zeroValue;
        }
        int i = mix(key) & mask;
        while (true) {
            Object v = values[i];
            if (v == null) {
                return null;
            }
            if (keys[i] == key) {
                return v;
            }
            i = (i + 1) & mask;
        }
    }

    /** Adds {@code slot} to what {@code key} already holds. */
    void add(int key, Object slot) {
        if (key == EMPTY_MARK) {
            zeroValue = Slots.merge(zeroValue, slot);
            return;
        }
        if ((size + 1) > values.length * 0.6f) {
            grow();
        }
        int i = mix(key) & mask;
        while (values[i] != null) {
            if (keys[i] == key) {
                values[i] = Slots.merge(values[i], slot);
                return;
            }
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = slot;
        size++;
    }

    int size() {
        return size + (zeroValue == null ? 0 : 1);
    }

    private void grow() {
        int[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new int[oldKeys.length * 2];
        values = new Object[oldValues.length * 2];
        mask = keys.length - 1;
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != null) {
                add(oldKeys[i], oldValues[i]);
            }
        }
    }

    private static int mix(int key) {
        int h = key * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    @Override
    public String toString() {
        return "IntTable[" + size() + " keys in " + keys.length + " slots]";
    }
}
