package dev.cloudwarden.engine.intel.match;

/**
 * A {@code String} → slot table with open addressing: two arrays and no entry objects (about 11 bytes per key
 * beyond the key itself, where a {@code HashMap} adds ~37). The keys are the indicators' own value strings, so the
 * table holds no copies. Filled once while the index is built, then only read.
 */
final class StringTable {
    private String[] keys;
    private Object[] values;
    private int size;
    private int mask;

    StringTable(int expected) {
        int capacity = Integer.highestOneBit(Math.max(4, (int) (expected / 0.6f)) - 1) << 1;
        keys = new String[capacity];
        values = new Object[capacity];
        mask = capacity - 1;
    }

    Object get(String key) {
        int i = mix(key.hashCode()) & mask;
        while (true) {
            String k = keys[i];
            if (k == null) {
                return null;
            }
            if (k.equals(key)) {
                return values[i];
            }
            i = (i + 1) & mask;
        }
    }

    /** Adds {@code slot} to what {@code key} already holds. */
    void add(String key, Object slot) {
        if ((size + 1) > keys.length * 0.6f) {
            grow();
        }
        int i = mix(key.hashCode()) & mask;
        while (keys[i] != null) {
            if (keys[i].equals(key)) {
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
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    private void grow() {
        String[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new String[oldKeys.length * 2];
        values = new Object[oldValues.length * 2];
        mask = keys.length - 1;
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                add(oldKeys[i], oldValues[i]);
            }
        }
    }

    private static int mix(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
