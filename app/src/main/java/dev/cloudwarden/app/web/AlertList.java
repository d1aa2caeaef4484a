package dev.cloudwarden.app.web;

import dev.cloudwarden.app.store.Facets;

import java.util.List;

/** The alert list's page: as the incident queue, each alert with the matches its group took. */
public record AlertList(Frame page, Filters filters, List<AlertView> alerts, Facets facets,
                        String next) {
}
