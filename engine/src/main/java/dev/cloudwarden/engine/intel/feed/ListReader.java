package dev.cloudwarden.engine.intel.feed;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.cloudwarden.engine.intel.FeedProblem;
import dev.cloudwarden.engine.intel.FeedResult;
import dev.cloudwarden.engine.intel.Indicator;
import dev.cloudwarden.engine.intel.IocType;
import dev.cloudwarden.engine.intel.IocValues;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Plain lists and CSV files of indicators.
 *
 * <p><b>Lists</b> ({@link #readLines}): one value per line, UTF-8; blank lines and lines starting with {@code #}
 * are ignored, as is a {@code #} comment after whitespace at the end of a line (maltrail's style). Each value's
 * type is detected ({@link IocDetect}: a bare {@code http://host} is the host, {@code host/path} the URL
 * {@code http://host/path}, {@code ip:port} the address) unless the caller gives one. URL paths without a host
 * ({@code /slpr}) are skipped and counted, never guessed; other lines that are no indicator are problems with
 * {@code file:line}. A value listed twice is imported once.
 *
 * <p><b>CSV</b> ({@link #readCsv}): a header row naming the columns, in any order and case (lines starting with
 * {@code #} before or between rows are comments): {@code value} (or {@code indicator}, {@code ioc},
 * {@code observable}) is required; optional {@code type} (an {@link IocType} id or a common synonym: {@code ip},
 * {@code ip-dst}, {@code cidr}, {@code hostname}, {@code domain-name}, {@code sha-256}...; empty means detect),
 * {@code labels} or {@code tags} (separated by {@code ;} or {@code |}), {@code malware} or {@code family}
 * ({@code malware:<name>} and the catalog tag), {@code confidence} (0-100), {@code valid_from}/{@code first_seen}
 * and {@code valid_until}/{@code expires} (ISO instants or dates), {@code description}/{@code comment}, {@code id},
 * {@code kill_chain_phases}. Other columns are ignored. Fields may be quoted, with embedded commas, quotes and
 * newlines (Jackson's CSV parser).
 */
public final class ListReader {
    private static final Pattern LABEL_SPLIT = Pattern.compile("\\s*[;|]\\s*");
    private static final Map<String, IocType> TYPE_NAMES = new HashMap<>();

    static {
        for (IocType t : IocType.values()) {
            TYPE_NAMES.put(t.id(), t);
            TYPE_NAMES.put(t.name().toLowerCase(Locale.ROOT), t);
        }
        for (String s : List.of("ip", "ipv4", "ipv6", "ip-src", "ip-dst", "cidr", "ipv4-addr", "ipv6-addr", "ip_address", "ip-address", "network")) {
            TYPE_NAMES.put(s, IocType.ADDRESS);
        }
        for (String s : List.of("hostname", "host", "domain-name", "fqdn", "domain_name")) {
            TYPE_NAMES.put(s, IocType.DOMAIN);
        }
        TYPE_NAMES.put("uri", IocType.URL);
        TYPE_NAMES.put("sha-1", IocType.SHA1);
        TYPE_NAMES.put("sha-256", IocType.SHA256);
        TYPE_NAMES.put("md-5", IocType.MD5);
        for (String s : List.of("email-addr", "e-mail", "email-src", "email-dst", "mail")) {
            TYPE_NAMES.put(s, IocType.EMAIL);
        }
        for (String s : List.of("useragent", "user_agent", "ua")) {
            TYPE_NAMES.put(s, IocType.USER_AGENT);
        }
        for (String s : List.of("access-key", "access_key", "aws-key", "access-key-id", "aws_access_key_id")) {
            TYPE_NAMES.put(s, IocType.AWS_ACCESS_KEY);
        }
    }

    private final FeedLimits limits;

    public ListReader() {
        this(FeedLimits.defaults());
    }

    public ListReader(FeedLimits limits) {
        this.limits = limits;
    }

    /** The {@link IocType} a type name means ({@code ip-dst} is an address), or null. */
    public static IocType typeNamed(String name) {
        return name == null ? null : TYPE_NAMES.get(name.strip().toLowerCase(Locale.ROOT));
    }

    // ---- plain lists -----------------------------------------------------------------------------------------

    public FeedResult readLines(String source, byte[] text, ListOptions options) {
        return readLines(source, new ByteArrayInputStream(text), options);
    }

    /** Reads a one-value-per-line list (the stream is not closed); bad lines become problems. */
    public FeedResult readLines(String source, InputStream text, ListOptions options) {
        Run run = new Run(source, options);
        try (Reader r = reader(text)) {
            StringBuilder line = new StringBuilder();
            int lineNo = 1;
            boolean tooLong = false;
            int c;
            while (true) {
                c = r.read();
                if (c == '\n' || c == -1) {
                    if (tooLong) {
                        run.problem(source + ":" + lineNo, "line longer than " + limits.maxLineChars() + " characters; skipped");
                    } else {
                        run.line(line.toString(), lineNo);
                    }
                    if (c == -1) {
                        break;
                    }
                    line.setLength(0);
                    tooLong = false;
                    lineNo++;
                } else if (!tooLong) {
                    if (line.length() >= limits.maxLineChars()) {
                        tooLong = true;
                        line.setLength(0);
                    } else {
                        line.append((char) c);
                    }
                }
            }
        } catch (IOException e) {
            run.problem(source, e.getMessage() + " (reading stopped)");
        }
        return run.finish();
    }

    private Reader reader(InputStream in) {
        // Malformed UTF-8 becomes U+FFFD: the line then fails as an indicator with its line number.
        return new java.io.BufferedReader(new InputStreamReader(new LimitedInputStream(in, limits.maxBytes()),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE)));
    }

    // ---- CSV -------------------------------------------------------------------------------------------------

    public FeedResult readCsv(String source, byte[] csv, ListOptions options) {
        return readCsv(source, new ByteArrayInputStream(csv), options);
    }

    /** Reads a CSV file with a header row (the stream is not closed); bad rows become problems. */
    public FeedResult readCsv(String source, InputStream csv, ListOptions options) {
        Run run = new Run(source, options);
        CsvFactory factory = CsvFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(limits.maxLineChars()).build())
                .enable(CsvParser.Feature.WRAP_AS_ARRAY)
                .enable(CsvParser.Feature.TRIM_SPACES)
                .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
                .build();
        try (CsvParser p = factory.createParser(reader(csv))) {
            p.setSchema(CsvSchema.emptySchema().withComments());
            if (p.nextToken() != JsonToken.START_ARRAY) { // WRAP_AS_ARRAY: one array around all rows
                return run.finish();
            }
            Map<String, Integer> columns = null;
            while (p.nextToken() == JsonToken.START_ARRAY) {
                List<String> row = new ArrayList<>();
                long line = -1;
                while (p.nextToken() == JsonToken.VALUE_STRING) {
                    if (line < 0) {
                        line = p.currentTokenLocation().getLineNr();
                    }
                    row.add(p.getText());
                }
                if (columns == null) {
                    columns = header(row);
                    if (!columns.containsKey("value")) {
                        run.problem(source + ":" + line, "the header names no value column (value, indicator, ioc or observable): "
                                + String.join(",", row));
                        return run.finish();
                    }
                    continue;
                }
                run.row(row, columns, source + ":" + line);
            }
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            run.problem(source + (l == null ? "" : ":" + l.getLineNr()), "malformed CSV, reading stopped: " + e.getOriginalMessage());
        } catch (IOException e) {
            run.problem(source, e.getMessage() + " (reading stopped)");
        }
        return run.finish();
    }

    private static Map<String, Integer> header(List<String> row) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < row.size(); i++) {
            String name = row.get(i).strip().toLowerCase(Locale.ROOT).replace(' ', '_');
            if (i == 0 && name.startsWith("\ufeff")) {
                name = name.substring(1);
            }
            String key = switch (name) {
                case "value", "indicator", "ioc", "observable" -> "value";
                case "type", "ioc_type", "indicator_type", "value_type" -> "type";
                case "labels", "label", "tags", "tag" -> "labels";
                case "malware", "family", "malware_family" -> "malware";
                case "confidence", "score" -> "confidence";
                case "valid_from", "first_seen" -> "valid_from";
                case "valid_until", "expires", "expiration", "expiry" -> "valid_until";
                case "description", "comment" -> "description";
                case "id" -> "id";
                case "kill_chain_phases", "kill_chain_phase", "phases" -> "phases";
                default -> null;
            };
            if (key != null) {
                columns.putIfAbsent(key, i);
            }
        }
        return columns;
    }

    private final class Run {
        final String source;
        final ListOptions options;
        final List<Indicator> out = new ArrayList<>();
        final List<FeedProblem> problems = new ArrayList<>();
        final Map<String, Integer> skipped = new TreeMap<>();
        final Set<String> seen = new HashSet<>();

        Run(String source, ListOptions options) {
            this.source = source;
            this.options = options;
        }

        void problem(String where, String why) {
            problems.add(new FeedProblem(where, why));
        }

        void skip(String reason) {
            skipped.merge(reason, 1, Integer::sum);
        }

        FeedResult finish() {
            return new FeedResult(source, out, problems, skipped.values().stream().mapToInt(Integer::intValue).sum(), skipped);
        }

        void line(String raw, int lineNo) {
            String v = raw.startsWith("\ufeff") && lineNo == 1 ? raw.substring(1) : raw;
            v = v.strip();
            if (v.isEmpty() || v.startsWith("#")) {
                return;
            }
            int comment = indexOfComment(v);
            if (comment >= 0) {
                v = v.substring(0, comment).strip();
            }
            add(v, options.type(), source + ":" + lineNo, null, options.labels(), options.confidence(), null,
                    options.validUntil(), null, List.of());
        }

        void row(List<String> row, Map<String, Integer> columns, String where) {
            String value = cell(row, columns, "value");
            if (value == null) {
                problem(where, "no value");
                return;
            }
            IocType type = options.type();
            String typeName = cell(row, columns, "type");
            if (typeName != null) {
                type = typeNamed(typeName);
                if (type == null) {
                    problem(where, "unknown type '" + typeName + "' (expected one of " + knownTypes() + ")");
                    return;
                }
            }
            Set<String> labels = new LinkedHashSet<>(options.labels());
            String l = cell(row, columns, "labels");
            if (l != null) {
                for (String s : LABEL_SPLIT.split(l)) {
                    if (!s.isBlank()) {
                        labels.add(s.strip());
                    }
                }
            }
            String malware = cell(row, columns, "malware");
            if (malware != null) {
                labels.addAll(FamilyTags.malware(malware));
            }
            Integer confidence = options.confidence();
            String c = cell(row, columns, "confidence");
            if (c != null) {
                try {
                    int n = Integer.parseInt(c);
                    if (n < 0 || n > 100) {
                        throw new NumberFormatException();
                    }
                    confidence = n;
                } catch (NumberFormatException e) {
                    problem(where, "confidence must be a whole number 0-100, not '" + c + "'; ignored");
                }
            }
            Instant from = time(cell(row, columns, "valid_from"), where, "valid_from");
            Instant until = time(cell(row, columns, "valid_until"), where, "valid_until");
            if (until == null) {
                until = options.validUntil();
            }
            List<String> phases = new ArrayList<>();
            String ph = cell(row, columns, "phases");
            if (ph != null) {
                for (String s : LABEL_SPLIT.split(ph)) {
                    if (!s.isBlank()) {
                        phases.add(s.strip());
                    }
                }
            }
            add(value, type, where, cell(row, columns, "id"), List.copyOf(labels), confidence, from, until,
                    cell(row, columns, "description"), phases);
        }

        void add(String raw, IocType type, String where, String id, List<String> labels, Integer confidence,
                 Instant from, Instant until, String description, List<String> phases) {
            IocType t;
            String value;
            if (type != null) {
                try {
                    value = IocValues.normalize(type, raw);
                    t = type;
                } catch (IllegalArgumentException e) {
                    problem(where, e.getMessage());
                    return;
                }
            } else {
                IocDetect.Detected d = IocDetect.detect(raw);
                if (!d.ok()) {
                    if (raw.startsWith("/")) {
                        skip("list URL path without a host");
                    } else {
                        problem(where, d.reason());
                    }
                    return;
                }
                t = d.type();
                value = d.value();
            }
            if (!seen.add(t.id() + ":" + value)) {
                skip("list duplicate value");
                return;
            }
            out.add(new Indicator(id != null ? id : IocValues.idOf(t, value, source), t, value, source, confidence, labels,
                    from, until, phases, description));
        }

        Instant time(String v, String where, String column) {
            if (v == null) {
                return null;
            }
            try {
                return v.length() == 10 ? LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant()
                        : java.time.OffsetDateTime.parse(v).toInstant();
            } catch (DateTimeParseException e) {
                problem(where, column + " is not a date or an ISO time: '" + v + "'; ignored");
                return null;
            }
        }
    }

    private static String cell(List<String> row, Map<String, Integer> columns, String key) {
        Integer i = columns.get(key);
        if (i == null || i >= row.size()) {
            return null;
        }
        String v = row.get(i).strip();
        return v.isEmpty() ? null : v;
    }

    /** Where a trailing {@code # comment} starts (a {@code #} after whitespace), or -1. */
    private static int indexOfComment(String v) {
        for (int i = 1; i < v.length(); i++) {
            if (v.charAt(i) == '#' && Character.isWhitespace(v.charAt(i - 1))) {
                return i - 1;
            }
        }
        return -1;
    }

    private static String knownTypes() {
        List<String> ids = new ArrayList<>();
        for (IocType t : IocType.values()) {
            ids.add(t.id());
        }
        return String.join(", ", ids);
    }
}
