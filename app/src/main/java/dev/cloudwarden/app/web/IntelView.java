package dev.cloudwarden.app.web;

import java.util.List;
import java.util.Map;

/**
 * The intel page: what the service matches (counts by type, source, label), the feeds imported into the store, the
 * indicators sighted most (as scans recorded them), the alerts intel raised (by match rule), and a search.
 *
 * @param alerts  alerts per intel match rule
 * @param results null before a search
 */
public record IntelView(Frame page, long indicators, long validNow, Map<String, Long> byType, Map<String, Long> bySource,
                        Map<String, Long> byLabel, Map<String, Long> alerts, List<Feed> feeds, List<Sighting> sightings,
                        Filters filters, List<Row> results, int total) {
    /** A feed and its last import's counts. */
    public record Feed(String name, String kind, String url, String lastImport, long imported, long updated,
                       long expired, long problems) {
    }

    /** An indicator sighted, how often, first and last. */
    public record Sighting(String type, String value, String source, long count, String first, String last) {
    }

    public record Row(String type, String value, String source, String labels, String confidence, boolean validNow,
                      String description) {
    }
}
