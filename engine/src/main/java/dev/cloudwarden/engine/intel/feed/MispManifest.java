package dev.cloudwarden.engine.intel.feed;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.engine.intel.FeedProblem;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A MISP feed's {@code manifest.json}: event uuid → summary. A MISP feed is a folder (or URL) holding the
 * manifest and one {@code <uuid>.json} per event ({@link #eventFile}); the app fetches the events the manifest
 * lists, newer than what it has ({@link #changedSince}), and reads each with {@link MispReader}.
 *
 * @param events   in the manifest's order
 * @param problems entries that could not be read (a bad uuid, a summary that is not an object)
 */
public record MispManifest(List<Entry> events, List<FeedProblem> problems) {
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    public MispManifest {
        events = List.copyOf(events);
        problems = List.copyOf(problems);
    }

    /**
     * One event's summary.
     *
     * @param timestamp   when the event last changed (the manifest's {@code timestamp}), or null
     * @param threatLevel {@code threat_level_id} 1 (high) to 4 (undefined), or null
     * @param tags        tag names
     */
    public record Entry(String uuid, String info, LocalDate date, Instant timestamp, Integer threatLevel, String org,
                        List<String> tags) {
        public Entry {
            tags = List.copyOf(tags);
        }
    }

    /** The file name of an event in the feed: {@code <uuid>.json}. */
    public static String eventFile(String uuid) {
        if (!UUID.matcher(uuid).matches()) {
            throw new IllegalArgumentException("not a MISP event uuid: " + uuid);
        }
        return uuid + ".json";
    }

    /** The events that changed after {@code time} (all of them when it is null; those without a timestamp too). */
    public List<Entry> changedSince(Instant time) {
        return events.stream().filter(e -> time == null || e.timestamp() == null || e.timestamp().isAfter(time)).toList();
    }

    public static MispManifest read(String source, InputStream json) {
        return read(source, json, FeedLimits.defaults());
    }

    /** Reads a manifest; bad content becomes problems, never exceptions. */
    public static MispManifest read(String source, InputStream json, FeedLimits limits) {
        ObjectMapper mapper = JsonMapper.builder(Json.factory(limits.maxDepth())).build();
        List<Entry> events = new ArrayList<>();
        List<FeedProblem> problems = new ArrayList<>();
        JsonNode root;
        try {
            root = MispReader.readTree(mapper, json, limits);
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            problems.add(new FeedProblem(source + (l == null ? "" : ":" + l.getLineNr() + ":" + l.getColumnNr()),
                    "malformed JSON: " + e.getOriginalMessage()));
            return new MispManifest(events, problems);
        } catch (IOException e) {
            problems.add(new FeedProblem(source, e.getMessage()));
            return new MispManifest(events, problems);
        }
        if (!root.isObject()) {
            problems.add(new FeedProblem(source, "not a MISP manifest: expected an object of event uuid to summary"));
            return new MispManifest(events, problems);
        }
        for (Map.Entry<String, JsonNode> f : (Iterable<Map.Entry<String, JsonNode>>) root::fields) {
            String uuid = f.getKey();
            JsonNode e = f.getValue();
            String where = source + ": " + uuid;
            if (!UUID.matcher(uuid).matches()) {
                problems.add(new FeedProblem(where, "not an event uuid; entry skipped"));
                continue;
            }
            if (!e.isObject()) {
                problems.add(new FeedProblem(where, "the summary is not an object; entry skipped"));
                continue;
            }
            LocalDate date = null;
            if (e.path("date").isTextual()) {
                try {
                    date = LocalDate.parse(e.get("date").asText());
                } catch (DateTimeParseException x) {
                    problems.add(new FeedProblem(where, "date is not YYYY-MM-DD: '" + e.get("date").asText() + "'; ignored"));
                }
            }
            Instant ts = null;
            String t = e.path("timestamp").asText("");
            if (t.matches("[0-9]{1,12}")) {
                ts = Instant.ofEpochSecond(Long.parseLong(t));
            } else if (!t.isEmpty()) {
                problems.add(new FeedProblem(where, "timestamp is not epoch seconds: '" + t + "'; ignored"));
            }
            String level = e.path("threat_level_id").asText("");
            Integer threat = level.matches("[1-4]") ? Integer.valueOf(level) : null;
            List<String> tags = new ArrayList<>();
            for (JsonNode tag : e.path("Tag")) {
                if (tag.path("name").isTextual()) {
                    tags.add(tag.get("name").asText());
                }
            }
            String info = e.path("info").isTextual() ? e.get("info").asText() : null;
            String org = e.path("Orgc").path("name").isTextual() ? e.path("Orgc").path("name").asText() : null;
            events.add(new Entry(uuid, info, date, ts, threat, org, tags));
        }
        return new MispManifest(events, problems);
    }
}
