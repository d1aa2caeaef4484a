package dev.cloudwarden.engine.incident;

import java.time.Duration;
import java.util.Objects;

/**
 * How incidents are built.
 *
 * @param window               two alerts sharing a linking entity join when at most this far apart (event
 *                             time, both ends inclusive); an incident with no alert for this long closes
 * @param allowedLateness      alerts out of order by up to this much are handled as if sorted (as in
 *                             {@link dev.cloudwarden.engine.sigma.correlate.CorrelationEngine})
 * @param maxAlertsPerIncident an incident that reaches this many alerts closes at once, and later alerts
 *                             start a new one: a never-ending stream of alerts (a brute force that runs for
 *                             weeks) cannot hold state forever
 * @param entities             which entities are read and which link
 */
public record IncidentOptions(Duration window, Duration allowedLateness, int maxAlertsPerIncident,
                              EntityExtractor.Config entities) {
    /** An intrusion costs over $50,000 in under an hour (THREATS.md): one hour between steps of one attack. */
    public static final Duration DEFAULT_WINDOW = Duration.ofHours(1);
    public static final Duration DEFAULT_ALLOWED_LATENESS = Duration.ofMinutes(15);
    public static final int DEFAULT_MAX_ALERTS = 1_000;

    public IncidentOptions {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(allowedLateness, "allowedLateness");
        Objects.requireNonNull(entities, "entities");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive: " + window);
        }
        if (allowedLateness.isNegative()) {
            throw new IllegalArgumentException("allowed lateness must not be negative: " + allowedLateness);
        }
        if (maxAlertsPerIncident < 1) {
            throw new IllegalArgumentException("maxAlertsPerIncident must be at least 1: " + maxAlertsPerIncident);
        }
    }

    public static IncidentOptions defaults() {
        return new IncidentOptions(DEFAULT_WINDOW, DEFAULT_ALLOWED_LATENESS, DEFAULT_MAX_ALERTS,
                EntityExtractor.Config.defaults());
    }

    public IncidentOptions withWindow(Duration value) {
        return new IncidentOptions(value, allowedLateness, maxAlertsPerIncident, entities);
    }

    public IncidentOptions withAllowedLateness(Duration value) {
        return new IncidentOptions(window, value, maxAlertsPerIncident, entities);
    }

    public IncidentOptions withMaxAlertsPerIncident(int value) {
        return new IncidentOptions(window, allowedLateness, value, entities);
    }

    public IncidentOptions withEntities(EntityExtractor.Config value) {
        return new IncidentOptions(window, allowedLateness, maxAlertsPerIncident, value);
    }
}
