package dev.cloudwarden.engine.posture.source;

import dev.cloudwarden.engine.posture.model.Location;

import java.util.Map;

/**
 * One parsed document as plain data (maps with string keys, lists, String, Long, Double, BigInteger, Boolean, null)
 * plus the lines every map and list was written on. Lines are kept beside the data, keyed by the identity of each
 * container, so the data stays exactly what the file says (no {@code __startline__} keys mixed in).
 *
 * @param root  the document's value
 * @param span  the lines of the whole document's value
 * @param spans    the lines of each map and list, by identity
 * @param keyLines the line of each key of each map, by the map's identity
 */
public record SourceTree(Object root, Span span, Map<Object, Span> spans, Map<Object, Map<String, Integer>> keyLines) {
    /** The lines of a map or list of this tree, or the document's when it has none of its own (a shared alias). */
    public Span spanOf(Object container) {
        Span s = container == null ? null : spans.get(container);
        return s == null ? span : s;
    }

    /** The line a key of a map of this tree is written on, or 0 when not known. */
    public int keyLine(Object map, String key) {
        Map<String, Integer> lines = map == null ? null : keyLines.get(map);
        Integer line = lines == null ? null : lines.get(key);
        return line == null ? 0 : line;
    }

    /**
     * Where an entry of a map is written: from its key's line to the end of its value (a block mapping's value starts
     * on the line after its key).
     */
    public Location entryLocation(String file, Object map, String key, Object value) {
        Span v = spanOf(value);
        int keyLine = keyLine(map, key);
        int line = keyLine > 0 && keyLine <= v.line() ? keyLine : v.line();
        return new Location(file, line, v.endLine());
    }

    /** Where a map or list of this tree is written, in the given file. */
    public Location locationOf(String file, Object container) {
        Span s = spanOf(container);
        return new Location(file, s.line(), s.endLine());
    }
}
