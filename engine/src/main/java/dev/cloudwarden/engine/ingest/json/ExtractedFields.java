package dev.cloudwarden.engine.ingest.json;

import java.util.ArrayList;
import java.util.List;

/** The values {@link JsonFieldExtractor} found, by path index. Most paths hold one value; arrays may hold more. */
public final class ExtractedFields {
    /** What JSON type a captured value had; strings are the default and are not recorded. */
    public enum Kind { STRING, NUMBER, BOOLEAN }

    private final String[] first;
    private List<String>[] more;
    /** Per slot: bit 0 = a JSON null was seen, bit 1 = an object or array, bit 2 = a number, bit 3 = a boolean, bit 4 = a string. */
    private final byte[] flags;

    ExtractedFields(int size) {
        this.first = new String[size];
        this.flags = new byte[size];
    }

    void addNull(int slot) {
        flags[slot] |= 1;
    }

    void addComplex(int slot) {
        flags[slot] |= 2;
    }

    void add(int slot, String value, Kind kind) {
        flags[slot] |= switch (kind) {
            case NUMBER -> 4;
            case BOOLEAN -> 8;
            case STRING -> 16;
        };
        add(slot, value);
    }

    /** True when the path held a JSON null somewhere (null values capture no text). */
    public boolean sawNull(int slot) {
        return (flags[slot] & 1) != 0;
    }

    /** True when the path ended at an object or array somewhere: its text was not captured. */
    public boolean sawComplex(int slot) {
        return (flags[slot] & 2) != 0;
    }

    /**
     * The JSON type of the values at the path when they all share one kind: a path holding only numbers is
     * NUMBER. Mixed kinds return null (the caller then reads the record's tree).
     */
    public Kind uniformKind(int slot) {
        int k = flags[slot] & 28;
        return k == 16 || k == 0 ? Kind.STRING : k == 4 ? Kind.NUMBER : k == 8 ? Kind.BOOLEAN : null;
    }

    @SuppressWarnings("unchecked")
    void add(int slot, String value) {
        if (first[slot] == null) {
            first[slot] = value;
            return;
        }
        if (more == null) {
            more = (List<String>[]) new List[first.length];
        }
        if (more[slot] == null) {
            more[slot] = new ArrayList<>(2);
        }
        more[slot].add(value);
    }

    /** The first value at the path, or null. */
    public String get(int slot) {
        return first[slot];
    }

    /** The first value, or null when absent or empty. */
    public String nonEmpty(int slot) {
        String v = first[slot];
        return v == null || v.isEmpty() ? null : v;
    }

    /** The first non-empty value of the first slot that has one (fields a source writes under several names). */
    public String firstNonEmpty(int... slots) {
        for (int slot : slots) {
            String v = nonEmpty(slot);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** Every value at the path, in document order. */
    public List<String> all(int slot) {
        if (first[slot] == null) {
            return List.of();
        }
        if (more == null || more[slot] == null) {
            return List.of(first[slot]);
        }
        List<String> all = new ArrayList<>(1 + more[slot].size());
        all.add(first[slot]);
        all.addAll(more[slot]);
        return all;
    }

    public Long getLong(int slot) {
        String v = first[slot];
        if (v == null || v.isEmpty() || v.equals("-")) {
            return null;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            try {
                return (long) Double.parseDouble(v);
            } catch (NumberFormatException notNumeric) {
                return null;
            }
        }
    }

    public Integer getInt(int slot) {
        Long v = getLong(slot);
        return v == null || v > Integer.MAX_VALUE || v < Integer.MIN_VALUE ? null : v.intValue();
    }

    /** "true"/"false" (any case) as a Boolean; "yes"/"no" too, since CloudTrail writes MFAUsed that way. */
    public Boolean getBoolean(int slot) {
        String v = first[slot];
        if (v == null) {
            return null;
        }
        if (v.equals("true") || v.equals("false")) {
            return v.length() == 4;
        }
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes")) {
            return Boolean.TRUE;
        }
        if (v.equalsIgnoreCase("false") || v.equalsIgnoreCase("no")) {
            return Boolean.FALSE;
        }
        return null;
    }
}
