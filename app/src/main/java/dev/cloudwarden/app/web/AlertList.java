package dev.cloudwarden.app.web;

import java.util.List;
import java.util.Map;

/** The alert list's page: as the incident queue, each alert with the matches its group took. */
public record AlertList(Frame page, Filters filters, List<AlertView> alerts, Map<String, Map<String, Long>> facets,
                        String next) {
}
