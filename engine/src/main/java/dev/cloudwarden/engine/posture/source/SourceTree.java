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
 * @param spans the lines of each map and list, by identity
 */
public record SourceTree(Object root, Span span, Map<Object, Span> spans) {
    /** The lines of a map or list of this tree, or the document's when it has none of its own (a shared alias). */
    public Span spanOf(Object container) {
        Span s = container == null ? null : spans.get(container);
        return s == null ? span : s;
    }

    /** Where a map or list of this tree is written, in the given file. */
    public Location locationOf(String file, Object container) {
        Span s = spanOf(container);
        return new Location(file, s.line(), s.endLine());
    }
}
