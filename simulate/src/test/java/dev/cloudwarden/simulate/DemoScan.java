package dev.cloudwarden.simulate;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.incident.Incident;
import dev.cloudwarden.engine.ingest.IngestOptions;
import dev.cloudwarden.engine.ingest.Rejection;
import dev.cloudwarden.engine.ingest.read.Input;
import dev.cloudwarden.engine.intel.match.IntelIndex;
import dev.cloudwarden.engine.run.AlertGrouping;
import dev.cloudwarden.engine.run.DetectionRun;
import dev.cloudwarden.engine.run.FileSource;
import dev.cloudwarden.engine.run.IncidentSink;
import dev.cloudwarden.engine.run.RunConfig;
import dev.cloudwarden.engine.sigma.load.RuleSet;
import dev.cloudwarden.simulate.write.SimulationWriter;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A simulation's logs scanned as the demo scans them: the given rules and intel over every file under {@code logs/},
 * incidents at the default selection (medium and above); every match kept ungrouped, and the final incidents.
 */
public record DemoScan(List<Alert> alerts, List<Incident> incidents) {

    public static DemoScan of(Path simulation, RuleSet rules, IntelIndex intel) throws IOException {
        List<Alert> alerts = new ArrayList<>();
        List<Incident> incidents = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        RunConfig config = RunConfig.of(rules).withIntel(intel).withGrouping(AlertGrouping.off())
                .withIncidents(RunConfig.Incidents.defaults());
        try (DetectionRun run = new DetectionRun(config, alerts::add, IncidentSink.closedOnly(u -> incidents.add(u.incident())))) {
            FileSource.read(run, Input.expand(List.of(simulation.resolve(SimulationWriter.LOGS).toString()),
                    () -> System.in, Instant.now()), IngestOptions.defaults(), rejected::add);
            run.finish();
        }
        assertThat(rejected).extracting(Rejection::message).isEmpty();
        return new DemoScan(alerts, incidents);
    }
}
