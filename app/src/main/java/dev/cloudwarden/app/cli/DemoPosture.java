package dev.cloudwarden.app.cli;

import dev.cloudwarden.app.store.PlatformStore;
import dev.cloudwarden.engine.incident.Entity;
import dev.cloudwarden.engine.incident.Incident;
import dev.cloudwarden.engine.posture.check.BuiltInChecks;
import dev.cloudwarden.engine.posture.check.Check;
import dev.cloudwarden.engine.posture.scan.Finding;
import dev.cloudwarden.engine.posture.scan.PostureScan;
import dev.cloudwarden.engine.posture.scan.PostureScanner;
import dev.cloudwarden.engine.posture.scan.PostureSources;
import dev.cloudwarden.engine.posture.scan.ResourceEntities;
import dev.cloudwarden.engine.posture.scan.Suppressions;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The demo's posture scan: the simulated estate's configuration at the end of the day, with the failures on the
 * entities of the day's incidents counted (the misconfiguration behind an incident), kept in the store when the demo
 * serves one.
 */
final class DemoPosture {
    private DemoPosture() {
    }

    static void scan(Path config, List<Incident> incidents, PlatformStore store, PrintWriter out) {
        List<Check> checks = BuiltInChecks.all();
        PostureScan scan = new PostureScanner(PostureSources.all(), checks).scan(List.of(config), Suppressions.none(true));
        List<Finding> failed = scan.findings().stream().filter(Finding::open).toList();
        Set<Entity> failing = new HashSet<>();
        failed.forEach(f -> ResourceEntities.of(f.resource()).stream().filter(ResourceEntities::pointsAtOneResource)
                .forEach(failing::add));
        long explained = incidents.stream().filter(i -> i.entities().stream().anyMatch(failing::contains)).count();
        out.printf(Locale.ROOT, "Posture: %d failing checks on %d resources of the estate's configuration (%s); "
                        + "%d of the %d incidents involve a misconfigured resource%n", failed.size(), scan.resources().size(),
                config, explained, incidents.size());
        if (store != null) {
            store.recordPostureScan(PlatformStoreOption.CLI_ACTOR, List.of(config.toString()), scan,
                    checks.stream().map(Check::id).toList());
        }
    }
}
