package dev.cloudwarden.engine.intel.starter;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.cloudwarden.engine.intel.FeedResult;
import dev.cloudwarden.engine.intel.Indicator;
import dev.cloudwarden.engine.intel.feed.ListOptions;
import dev.cloudwarden.engine.intel.feed.ListReader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The intel shipped with CloudWarden: small sourced lists for the threat catalog's families, kept as data under
 * {@code dev/cloudwarden/intel/starter/} (see the README there for origins and licences). {@code lists.csv} gives
 * each list's confidence, labels and kill-chain phases; the lists are one value per line, maltrail's format, read by
 * the feeds' {@link ListReader}.
 *
 * <p>Each list is its own source, {@code starter:<file>}, so sightings and alerts say which list matched.
 */
public final class StarterIntel {
    static final String DIRECTORY = "/dev/cloudwarden/intel/starter/";

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
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.ALLOW_COMMENTS);
        CsvSchema schema = CsvSchema.emptySchema().withHeader().withComments();
        List<StarterList> out = new ArrayList<>();
        try (MappingIterator<Map<String, String>> rows = mapper.readerForMapOf(String.class).with(schema)
                .readValues(bytes("lists.csv"))) {
            while (rows.hasNext()) {
                Map<String, String> row = rows.next();
                String confidence = row.getOrDefault("confidence", "").strip();
                out.add(new StarterList(row.get("file"), confidence.isEmpty() ? null : Integer.valueOf(confidence),
                        words(row.get("labels")), words(row.get("kill_chain_phases")), row.get("description")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("lists.csv: " + e.getMessage(), e);
        }
        return out;
    }

    /** Every starter list read, one result per list (problems name {@code file:line}). */
    public static List<FeedResult> load() {
        List<FeedResult> out = new ArrayList<>();
        for (StarterList list : lists()) {
            out.add(read(list, bytes(list.file())));
        }
        return out;
    }

    /** All starter indicators together. */
    public static List<Indicator> indicators() {
        return load().stream().flatMap(r -> r.indicators().stream()).toList();
    }

    /**
     * Reads one list with the feeds' plain-list reader ({@link ListReader#readLines}: maltrail's forms, comments,
     * bare paths skipped and counted), then gives every indicator the list's kill-chain phases and description.
     */
    static FeedResult read(StarterList list, byte[] text) {
        FeedResult r = new ListReader().readLines(list.source(), text,
                ListOptions.defaults().withLabels(list.labels()).withConfidence(list.confidence()));
        List<Indicator> indicators = new ArrayList<>(r.indicators().size());
        for (Indicator i : r.indicators()) {
            indicators.add(new Indicator(i.id(), i.type(), i.value(), i.source(), i.confidence(), i.labels(),
                    i.validFrom(), i.validUntil(), list.killChainPhases(), list.description()));
        }
        return new FeedResult(r.source(), indicators, r.problems(), r.skipped(), r.skippedByReason());
    }

    private static List<String> words(String cell) {
        if (cell == null) {
            return List.of();
        }
        return Arrays.stream(cell.strip().split("\\s+")).filter(w -> !w.isEmpty())
                .map(w -> w.toLowerCase(Locale.ROOT)).toList();
    }

    private static byte[] bytes(String file) {
        try (InputStream in = StarterIntel.class.getResourceAsStream(DIRECTORY + file)) {
            if (in == null) {
                throw new IllegalStateException("starter intel file missing from the jar: " + DIRECTORY + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
