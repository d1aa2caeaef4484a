package dev.cloudwarden.app.report;

import dev.cloudwarden.app.hunt.ArchiveLayout;
import dev.cloudwarden.app.posture.ResponsibilityRows;
import dev.cloudwarden.app.respond.ResponseActions;
import dev.cloudwarden.app.respond.action.Action;
import dev.cloudwarden.app.respond.action.Effect;
import dev.cloudwarden.app.store.PlatformStore;
import dev.cloudwarden.app.store.ReportFigures;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The landscape report of one period over a store, as {@code cloudwarden report} writes it and the service's
 * {@code /report} page shows it: the period's figures, the period before it for the trend, the posture and
 * responsibility map as they stand, and the telemetry archived beside the store.
 */
public final class LandscapeReport {
    /** The entity types whose top values the report lists. */
    public static final List<String> ENTITY_TYPES = List.of("principal", "ip", "instance", "bucket", "account", "region");

    private LandscapeReport() {
    }

    /**
     * The report of [{@code start}, {@code end}) over {@code store}.
     *
     * @param detectionTimesKnown false for a store loaded from a file of incidents just now (its rows do not say
     *                            when each incident was learnt of); its archive is then not the user's either
     * @throws IOException when the event archive beside the store cannot be listed
     */
    public static ReportView of(PlatformStore store, Instant start, Instant end, boolean detectionTimesKnown)
            throws IOException {
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("the period is empty: " + start + " is not before " + end);
        }
        List<String> containing = ResponseActions.builtIn().all().stream().filter(a -> a.effect() == Effect.CONTAINMENT)
                .map(Action::name).toList();
        ReportFigures now = store.reportFigures(start, end, ENTITY_TYPES, containing);
        ReportFigures before = store.reportTrend(start.minus(Duration.between(start, end)), start);
        Set<String> fed = detectionTimesKnown && store.file().isPresent()
                ? ArchiveLayout.besideStore(store.file().get()).sources() : Set.of();
        ReportBuilder.Context context = new ReportBuilder.Context(store.openPostureFindingsByLayer(),
                ResponsibilityRows.builtIn(fed), store.intelFeeds().size(), List.copyOf(fed), detectionTimesKnown);
        return ReportBuilder.build(now, before, context);
    }
}
