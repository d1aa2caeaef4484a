package dev.cloudwarden.engine.posture.source;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads multi-document YAML into {@link SourceTree}s, one per document, for untrusted input.
 *
 * <p>Built from SnakeYAML Engine's event stream rather than its composer, so nothing recurses on the input's depth
 * and aliases can be costed as they are expanded. Scalars are resolved by the YAML 1.2 core schema ({@code true},
 * {@code 12}, {@code 1.5}, {@code null}, {@code ~}; not YAML 1.1's {@code yes}/{@code on}; a decimal with a leading
 * zero stays text); {@code <<} merge keys are
 * honoured as most YAML tools do; a repeated key keeps its last value.
 *
 * <p>The text is split at its {@code ---} lines first (the YAML specification forbids that marker inside any
 * content), so a broken document gives a problem for its own lines and the documents after it are still read.
 */
public final class YamlTrees {
    /** What one document gave. */
    public sealed interface Document permits Parsed, Broken {
    }

    /** A document that was read; its root is null for an empty one. */
    public record Parsed(SourceTree tree) implements Document {
    }

    /** A document that could not be read: the 1-based line and why. */
    public record Broken(int line, String reason) implements Document {
    }

    private static final Pattern DOCUMENT_START = Pattern.compile("^---(?:[ \\t].*)?$");
    /** Decimal integers without a leading zero: {@code 012345678901} (an AWS account id) stays text, as YAML 1.1 and
     * the JSON schema read it, instead of losing its zero. */
    private static final Pattern INT = Pattern.compile("[-+]?(0|[1-9][0-9]*)");
    private static final Pattern OCTAL = Pattern.compile("0o[0-7]+");
    private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]+");
    private static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|(0|[1-9][0-9]*)(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    private static final Pattern INFINITY = Pattern.compile("[-+]?\\.(inf|Inf|INF)");
    private static final Pattern NAN = Pattern.compile("\\.(nan|NaN|NAN)");
    private static final String CORE = "tag:yaml.org,2002:";

    private YamlTrees() {
    }

    public static List<Document> read(String text, CustomTags tags) {
        List<Document> out = new ArrayList<>();
        if (text.length() > TreeLimits.MAX_CHARS) {
            out.add(new Broken(1, "file is larger than " + TreeLimits.MAX_CHARS + " characters"));
            return out;
        }
        for (Chunk chunk : split(text)) {
            List<Document> docs = new ArrayList<>();
            new Builder(chunk.firstLine(), tags, docs).run(chunk.text());
            if (docs.stream().anyMatch(d -> d instanceof Broken b && b.reason().contains("leading empty lines"))) {
                List<Document> retry = new ArrayList<>();
                new Builder(chunk.firstLine(), tags, retry).run(emptyBlockScalarsIndented(chunk.text()));
                docs = retry;
            }
            out.addAll(docs);
        }
        return out;
    }

    private static final Pattern BLOCK_SCALAR_HEADER = Pattern.compile("^(\\s*)(.*[:-]\\s+)[>|]-?(\\s*(#.*)?)$");

    /**
     * Works around SnakeYAML Engine refusing an empty block scalar ({@code value: >}, maybe blank lines, then a less
     * indented line), which Helm renders for an empty value and other YAML readers accept: such a header (clipped or
     * stripped, so its value is the empty string by the YAML specification) is rewritten as {@code ""}. Line numbers
     * are unchanged.
     */
    static String emptyBlockScalarsIndented(String text) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            var m = BLOCK_SCALAR_HEADER.matcher(lines[i]);
            if (!m.matches()) {
                continue;
            }
            int next = i + 1;
            while (next < lines.length && lines[next].isBlank()) {
                next++;
            }
            int indent = m.group(1).length();
            if (next == lines.length || indentation(lines[next]) <= indent) {
                lines[i] = m.group(1) + m.group(2) + "\"\"" + m.group(3);
            }
        }
        return String.join("\n", lines);
    }

    private static int indentation(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private record Chunk(int firstLine, String text) {
    }

    /** The text cut before each document-start line (and the directives written just above it). */
    static List<Chunk> split(String text) {
        String[] lines = text.split("\r\n|\r|\n", -1);
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 1; i < lines.length; i++) {
            if (DOCUMENT_START.matcher(lines[i]).matches()) {
                int start = i;
                while (start - 1 > starts.get(starts.size() - 1) && lines[start - 1].startsWith("%")) {
                    start--;
                }
                starts.add(start);
            }
        }
        List<Chunk> chunks = new ArrayList<>(starts.size());
        for (int c = 0; c < starts.size(); c++) {
            int from = starts.get(c);
            int to = c + 1 < starts.size() ? starts.get(c + 1) : lines.length;
            chunks.add(new Chunk(from, String.join("\n", java.util.Arrays.asList(lines).subList(from, to))));
        }
        return chunks;
    }

    /** One open map or list while its entries arrive. */
    private static final class Frame {
        final Object container;
        final String tag;
        final String anchor;
        final int line;
        final boolean flow;
        int lastLine;
        long size = 1;
        /** In a map: the key waiting for its value, or null when the next scalar is a key. */
        String key;
        boolean keyPending;
        boolean mergeKey;
        /** Keys merged in by {@code <<}, which the map's own keys override whatever their order. */
        final Map<String, Object> merged = new LinkedHashMap<>();

        Frame(Object container, String tag, String anchor, int line, boolean flow) {
            this.container = container;
            this.tag = tag;
            this.anchor = anchor;
            this.line = line;
            this.lastLine = line;
            this.flow = flow;
        }

        boolean isMap() {
            return container instanceof Map;
        }
    }

    private record Anchored(Object value, long size) {
    }

    private static final class Builder {
        private final int offset;
        private final CustomTags tags;
        private final List<Document> out;
        private final Deque<Frame> stack = new ArrayDeque<>();
        private final Map<String, Anchored> anchors = new HashMap<>();
        private Map<Object, Span> spans = new IdentityHashMap<>();
        private Map<Object, Map<String, Integer>> keyLines = new IdentityHashMap<>();
        private long nodes;
        private int lastLine = 1;

        Builder(int offset, CustomTags tags, List<Document> out) {
            this.offset = offset;
            this.tags = tags;
            this.out = out;
        }

        void run(String text) {
            LoadSettings settings = LoadSettings.builder()
                    .setAllowRecursiveKeys(false)
                    .setMaxAliasesForCollections(100)
                    .setCodePointLimit(TreeLimits.MAX_CHARS)
                    // The whole chunk in one read buffer: the reader mishandles a surrogate pair that straddles two
                    // buffers (IndexOutOfBoundsException in StreamReader.update, 2.9 and 2.10).
                    .setBufferSize(Math.max(1024, text.length() + 2))
                    .build();
            try {
                for (Event e : new Parse(settings).parseString(text)) {
                    e.getStartMark().ifPresent(m -> lastLine = line(m));
                    event(e);
                }
            } catch (TreeException e) {
                out.add(new Broken(e.line() == 0 ? lastLine : e.line(), e.reason()));
            } catch (MarkedYamlEngineException e) {
                int line = e.getProblemMark().map(this::line).orElse(lastLine);
                out.add(new Broken(line, firstLine(e.getProblem() == null ? e.getMessage() : e.getProblem())));
            } catch (YamlEngineException e) {
                out.add(new Broken(lastLine, firstLine(e.getMessage())));
            } catch (RuntimeException | StackOverflowError loaderBug) {
                // The YAML library must not take the scan down with it, whatever the bytes.
                out.add(new Broken(lastLine, "YAML reader failed: " + loaderBug.getClass().getSimpleName()));
            }
        }

        private int line(Mark m) {
            return offset + m.getLine() + 1;
        }

        /** The last line a value ends on: a mark at the start of a line belongs to the line before. */
        private int endLine(Optional<Mark> end, int start) {
            if (end.isEmpty()) {
                return start;
            }
            Mark m = end.get();
            int l = m.getColumn() == 0 ? offset + m.getLine() : line(m);
            return Math.max(start, l);
        }

        private void event(Event e) throws TreeException {
            switch (e.getEventId()) {
                case DocumentStart -> {
                    anchors.clear();
                    spans = new IdentityHashMap<>();
                    keyLines = new IdentityHashMap<>();
                    nodes = 0;
                }
                case Scalar -> scalar((ScalarEvent) e);
                case Alias -> alias((AliasEvent) e);
                case MappingStart, SequenceStart -> open((CollectionStartEvent) e);
                case MappingEnd, SequenceEnd -> close(e);
                default -> {
                }
            }
        }

        private void count(long n, int line) throws TreeException {
            nodes += n;
            if (nodes > TreeLimits.MAX_NODES) {
                throw new TreeException(line, "document has more than " + TreeLimits.MAX_NODES
                        + " values (aliases expanding too far?)");
            }
        }

        private void open(CollectionStartEvent e) throws TreeException {
            int line = e.getStartMark().map(this::line).orElse(lastLine);
            if (stack.size() >= TreeLimits.MAX_DEPTH) {
                throw new TreeException(line, "nesting deeper than " + TreeLimits.MAX_DEPTH);
            }
            count(1, line);
            Object container = e.getEventId() == Event.ID.MappingStart ? new LinkedHashMap<String, Object>()
                    : new ArrayList<>();
            stack.push(new Frame(container, e.getTag().orElse(null), anchor(e), line, e.isFlow()));
        }

        @SuppressWarnings("unchecked")
        private void close(Event e) throws TreeException {
            Frame f = stack.pop();
            int end = f.flow ? endLine(e.getEndMark(), f.line) : Math.max(f.line, f.lastLine);
            if (f.isMap()) {
                Map<String, Object> map = (Map<String, Object>) f.container;
                f.merged.forEach(map::putIfAbsent);
            }
            spans.put(f.container, new Span(f.line, end));
            Object value = tagged(f.tag, f.container, f.line);
            if (value != f.container && (value instanceof Map || value instanceof List)) {
                spans.putIfAbsent(value, new Span(f.line, end));
            }
            done(value, f.anchor, f.size, f.line, end, false, false);
        }

        private void alias(AliasEvent e) throws TreeException {
            int line = e.getStartMark().map(this::line).orElse(lastLine);
            String name = e.getAlias().getValue();
            Anchored a = anchors.get(name);
            if (a == null) {
                throw new TreeException(line, "unknown alias *" + name);
            }
            count(a.size(), line);
            done(a.value(), null, a.size(), line, line, false, false);
        }

        private void scalar(ScalarEvent e) throws TreeException {
            int line = e.getStartMark().map(this::line).orElse(lastLine);
            count(1, line);
            int end = endLine(e.getEndMark(), line);
            String tag = e.getTag().orElse(null);
            Frame top = stack.peek();
            if (top != null && top.isMap() && !top.keyPending) {
                // A key: kept as written (a YAML key is text to every format read here).
                top.key = e.getValue();
                top.keyPending = true;
                keyLines.computeIfAbsent(top.container, c -> new HashMap<>()).put(top.key, line);
                top.mergeKey = "<<".equals(e.getValue()) && e.isPlain() && tag == null;
                top.lastLine = Math.max(top.lastLine, end);
                anchor(e, e.getValue(), 1);
                return;
            }
            Object value = tag == null ? (e.isPlain() ? resolvePlain(e.getValue()) : e.getValue())
                    : tagged(tag, e.getValue(), line);
            done(value, anchor(e), 1, line, end, true, e.isPlain());
        }

        private String anchor(NodeEvent e) {
            return e.getAnchor().map(a -> a.getValue()).orElse(null);
        }

        private void anchor(NodeEvent e, Object value, long size) {
            String a = anchor(e);
            if (a != null) {
                anchors.put(a, new Anchored(value, size));
            }
        }

        @SuppressWarnings("unchecked")
        private void done(Object value, String anchor, long size, int line, int end, boolean scalar, boolean plain)
                throws TreeException {
            if (anchor != null) {
                anchors.put(anchor, new Anchored(value, size));
            }
            Frame top = stack.peek();
            if (top == null) {
                Span span = value instanceof Map || value instanceof List ? spans.get(value) : null;
                out.add(new Parsed(new SourceTree(value, span == null ? new Span(line, end) : span, spans, keyLines)));
                return;
            }
            top.size += size;
            top.lastLine = Math.max(top.lastLine, end);
            if (top.container instanceof List<?> list) {
                ((List<Object>) list).add(value);
                return;
            }
            Map<String, Object> map = (Map<String, Object>) top.container;
            if (!top.keyPending) {
                // A map or list used as a key: rare, kept as its text.
                top.key = String.valueOf(value);
                top.keyPending = true;
                top.mergeKey = false;
                return;
            }
            top.keyPending = false;
            if (top.mergeKey) {
                merge(top, value, line);
                return;
            }
            map.remove(top.key);
            map.put(top.key, value);
        }

        private void merge(Frame into, Object value, int line) throws TreeException {
            List<?> sources = value instanceof List<?> l ? l : List.of(value == null ? Map.of() : value);
            for (Object source : sources) {
                if (!(source instanceof Map<?, ?> m)) {
                    throw new TreeException(line, "a '<<' merge key needs a mapping or a list of mappings");
                }
                // Earlier sources win over later ones, the map's own keys over all of them.
                m.forEach((k, v) -> into.merged.putIfAbsent(String.valueOf(k), v));
            }
        }

        private Object tagged(String tag, Object value, int line) throws TreeException {
            if (tag == null) {
                return value;
            }
            if (tag.startsWith(CORE)) {
                return coreTag(tag.substring(CORE.length()), value, line);
            }
            if (tag.equals("!")) {
                return value;
            }
            return tags.resolve(tag, value, line);
        }

        private Object coreTag(String name, Object value, int line) throws TreeException {
            if (!(value instanceof String s)) {
                return value;
            }
            return switch (name) {
                case "str", "binary", "timestamp" -> s;
                case "null" -> null;
                case "bool" -> {
                    Object b = resolvePlain(s);
                    if (!(b instanceof Boolean)) {
                        throw new TreeException(line, "'" + abbreviate(s) + "' is not a boolean");
                    }
                    yield b;
                }
                case "int", "float" -> {
                    Object n = resolvePlain(s);
                    if (!(n instanceof Number)) {
                        throw new TreeException(line, "'" + abbreviate(s) + "' is not a number");
                    }
                    yield n;
                }
                default -> s;
            };
        }
    }

    /** A plain scalar by the YAML 1.2 core schema. */
    static Object resolvePlain(String s) {
        switch (s) {
            case "", "~", "null", "Null", "NULL":
                return null;
            case "true", "True", "TRUE":
                return Boolean.TRUE;
            case "false", "False", "FALSE":
                return Boolean.FALSE;
            default:
                break;
        }
        if (s.length() > 400) {
            return s; // no number is written that long; spare the big-number parsers
        }
        if (INT.matcher(s).matches()) {
            return integer(s, 10);
        }
        if (OCTAL.matcher(s).matches()) {
            return integer(s.substring(2), 8);
        }
        if (HEX.matcher(s).matches()) {
            return integer(s.substring(2), 16);
        }
        if (FLOAT.matcher(s).matches()) {
            return Double.parseDouble(s);
        }
        if (INFINITY.matcher(s).matches()) {
            return s.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (NAN.matcher(s).matches()) {
            return Double.NaN;
        }
        return s;
    }

    private static Object integer(String digits, int radix) {
        try {
            return Long.parseLong(digits, radix);
        } catch (NumberFormatException tooBig) {
            return new BigInteger(digits, radix);
        }
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "YAML syntax error";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).trim();
    }
}
