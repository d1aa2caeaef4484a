package dev.cloudwarden.simulate;

import dev.cloudwarden.simulate.scenario.AesDdosDocker;
import dev.cloudwarden.simulate.scenario.CloudStorageC2;
import dev.cloudwarden.simulate.scenario.ConsoleBruteForce;
import dev.cloudwarden.simulate.scenario.CrossCloudPivot;
import dev.cloudwarden.simulate.scenario.ScamHosting;
import dev.cloudwarden.simulate.scenario.SshBruteForceCompromise;
import dev.cloudwarden.simulate.scenario.KubernetesEscape;
import dev.cloudwarden.simulate.scenario.DnsHijack;
import dev.cloudwarden.simulate.scenario.Ransomware;
import dev.cloudwarden.simulate.scenario.SnapshotExfiltration;
import dev.cloudwarden.simulate.scenario.SshLateralMovement;
import dev.cloudwarden.simulate.scenario.Cryptomining;
import dev.cloudwarden.simulate.scenario.DemonBotYarn;
import dev.cloudwarden.simulate.scenario.EximExploit;
import dev.cloudwarden.simulate.scenario.Graboid;
import dev.cloudwarden.simulate.scenario.Misconfiguration;
import dev.cloudwarden.simulate.scenario.Scenario;
import dev.cloudwarden.simulate.estate.EstateConfig;
import dev.cloudwarden.simulate.write.ScenarioInfo;
import dev.cloudwarden.simulate.write.SimulationWriter;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A simulation: background traffic over a period with attack scenarios placed in it, written as one file per
 * log type in its native format plus {@code truth.jsonl} naming every attack line, and the estate's configuration at
 * the end of the period ({@link EstateConfig}). Deterministic for a seed.
 */
public final class Simulation {
    /** Every scenario the simulator knows, in catalog order. */
    public static List<Scenario> allScenarios() {
        return List.of(new EximExploit(), new ConsoleBruteForce(), new Misconfiguration(), new CrossCloudPivot(), new KubernetesEscape(),
                new Ransomware(), new SnapshotExfiltration(), new Cryptomining(), new ScamHosting(), new DnsHijack(),
                new SshLateralMovement(), new DemonBotYarn(), new Graboid(), new AesDdosDocker(),
                SshBruteForceCompromise.greedyAntd(), SshBruteForceCompromise.qnapCrypt(), new CloudStorageC2());
    }

    private final long seed;
    private final Instant start;
    private final Duration span;

    public Simulation(long seed, Instant start, Duration span) {
        this.seed = seed;
        this.start = start;
        this.span = span;
    }

    /** Writes the simulation under {@code dir}; returns the ground truth. */
    public List<SimulationWriter.Truth> write(Path dir, List<Scenario> scenarios, long backgroundEvents) throws IOException {
        SimulationWriter writer = new SimulationWriter();
        new Background(seed, start, span).generate(backgroundEvents, writer::add);
        Random random = new Random(seed);
        Map<String, ScenarioInfo> infos = new LinkedHashMap<>();
        Map<String, Instant> starts = new LinkedHashMap<>();
        long slot = span.toMillis() / (scenarios.size() + 1);
        for (int i = 0; i < scenarios.size(); i++) {
            Scenario s = scenarios.get(i);
            infos.put(s.info().id(), s.info());
            // Scenarios are spread over the period, each a little off the grid so they never line up.
            Instant at = start.plusMillis(slot * (i + 1) + random.nextInt((int) Math.min(slot / 4, Integer.MAX_VALUE)));
            s.generate(at, new Random(seed * 31 + i), writer::add);
            starts.put(s.info().id(), at);
        }
        List<SimulationWriter.Truth> truth = writer.write(dir, infos);
        // the estate as the day left it, for posture scans to explain the incidents the logs raise
        new EstateConfig(seed, start, span, starts).write(dir);
        return truth;
    }
}
