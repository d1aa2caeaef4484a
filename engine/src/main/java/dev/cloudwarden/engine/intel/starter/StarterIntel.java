package dev.cloudwarden.engine.intel.starter;

import dev.cloudwarden.engine.intel.FeedProblem;
import dev.cloudwarden.engine.intel.FeedResult;
import dev.cloudwarden.engine.intel.Indicator;
import dev.cloudwarden.engine.intel.IocType;
import dev.cloudwarden.engine.intel.IocValues;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The intel shipped with CloudWarden: small sourced lists for the threat catalog's families, kept as data under
 * {@code dev/cloudwarden/intel/starter/} (see the README there for origins and licences). {@code lists.csv} gives
 * each list's confidence, labels and kill-chain phases; the lists are one value per line, maltrail's format.
 *
 * <p>Each list is its own source, {@code starter:<file>}, so sightings and alerts say which list matched.
 */
public final class StarterIntel {
    static final String DIRECTORY = "/dev/cloudwarden/intel/starter/";
    private static final Pattern PORT = Pattern.compile(":[0-9]{1,5}$");

    /**
     * One row of {@code lists.csv}.
     *
     * @param confidence 0-100, or null
     */
    public record StarterList(String file, Integer confidence, List<String> labels, List<String> killChainPhases,
                              String description) {
        public StarterList {
            labels = List.copyOf(labels);
            killChainPhases = List.copyOf(killChainPhases);
        }

        public String source() {
            return "starter:" + file;
        }
    }

    private StarterIntel() {
    }

    /** The lists as {@code lists.csv} describes them. */
    public static List<StarterList> lists() {
        List<StarterList> out = new ArrayList<>();
        List<String> lines = lines("lists.csv");
        boolean header = true;
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (header) {
                header = false;
                continue;
            }
            List<String> cells = csv(line);
            if (cells.size() != 5) {
                throw new IllegalStateException("lists.csv: expected 5 columns, got " + cells.size() + ": " + line);
            }
            out.add(new StarterList(cells.get(0), cells.get(1).isBlank() ? null : Integer.valueOf(cells.get(1).strip()),
                    words(cells.get(2)), words(cells.get(3)), cells.get(4)));
        }
        return out;
    }

    /** Every starter list read, one result per list (problems name {@code file:line}). */
    public static List<FeedResult> load() {
        List<FeedResult> out = new ArrayList<>();
        for (StarterList list : lists()) {
            out.add(read(list, lines(list.file())));
        }
        return out;
    }

    /** All starter indicators together. */
    public static List<Indicator> indicators() {
        return load().stream().flatMap(r -> r.indicators().stream()).toList();
    }

    /** Reads one list's lines (comments, blank lines and bare paths skipped; see the README for the forms). */
    static FeedResult read(StarterList list, List<String> lines) {
        List<Indicator> indicators = new ArrayList<>();
        List<FeedProblem> problems = new ArrayList<>();
        int skipped = 0;
        String source = list.source();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("/")) {
                skipped++; // a path without a host: nothing in an event to match it against
                continue;
            }
            try {
                IocType type = typeOf(line);
                String value = IocValues.normalize(type, valueOf(type, line));
                indicators.add(new Indicator(IocValues.idOf(type, value, source), type, value, source, list.confidence(),
                        list.labels(), null, null, list.killChainPhases(), list.description()));
            } catch (IllegalArgumentException e) {
                problems.add(new FeedProblem(list.file() + ":" + (n + 1), e.getMessage()));
            }
        }
        return new FeedResult(source, indicators, problems, skipped);
    }

    private static IocType typeOf(String line) {
        int scheme = line.indexOf("://");
        if (scheme > 0) {
            String rest = line.substring(scheme + 3);
            return rest.indexOf('/') < 0 || rest.endsWith("/") && rest.indexOf('/') == rest.length() - 1
                    ? hostType(rest.replace("/", "")) : IocType.URL;
        }
        if (line.indexOf('/') > 0 && !isCidr(line)) {
            return IocType.URL;
        }
        return hostType(line);
    }

    private static IocType hostType(String host) {
        String h = PORT.matcher(host).replaceFirst("");
        return Character.isDigit(h.charAt(h.length() - 1)) && h.chars().allMatch(c -> c == '.' || c == '/' || Character.isDigit(c))
                || h.indexOf(':') >= 0 ? IocType.ADDRESS : IocType.DOMAIN;
    }

    private static boolean isCidr(String line) {
        int slash = line.indexOf('/');
        return line.substring(slash + 1).chars().allMatch(Character::isDigit)
                && hostType(line.substring(0, slash)) == IocType.ADDRESS;
    }

    private static String valueOf(IocType type, String line) {
        int scheme = line.indexOf("://");
        return switch (type) {
            case URL -> scheme > 0 ? line : "http://" + line;
            case ADDRESS, DOMAIN -> {
                String host = scheme > 0 ? line.substring(scheme + 3).replace("/", "") : line;
                // address:port and domain:port keep the host (a bare IPv6 address has more than one colon)
                yield host.indexOf(':') == host.lastIndexOf(':') ? PORT.matcher(host).replaceFirst("") : host;
            }
            default -> line;
        };
    }

    private static List<String> words(String cell) {
        return Arrays.stream(cell.strip().split("\\s+")).filter(w -> !w.isEmpty())
                .map(w -> w.toLowerCase(Locale.ROOT)).toList();
    }

    /** One CSV line: commas separate, double quotes enclose, {@code ""} is a quote inside quotes. */
    static List<String> csv(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    private static List<String> lines(String file) {
        try (InputStream in = StarterIntel.class.getResourceAsStream(DIRECTORY + file)) {
            if (in == null) {
                throw new IllegalStateException("starter intel file missing from the jar: " + DIRECTORY + file);
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
