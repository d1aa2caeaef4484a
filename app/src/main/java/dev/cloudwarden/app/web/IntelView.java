package dev.cloudwarden.app.web;

import java.util.List;
import java.util.Map;

/**
 * The intel page: what the service matches (counts by type, source, label), the alerts intel raised (its
 * sightings, by match rule), and a search.
 *
 * @param results null before a search
 */
public record IntelView(Frame page, long indicators, long validNow, Map<String, Long> byType, Map<String, Long> bySource,
                        Map<String, Long> byLabel, Map<String, Long> sightings, Filters filters, List<Row> results,
                        int total) {
    public record Row(String type, String value, String source, String labels, String confidence, boolean validNow,
                      String description) {
    }
}
