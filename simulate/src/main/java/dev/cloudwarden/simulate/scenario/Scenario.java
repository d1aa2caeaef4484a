package dev.cloudwarden.simulate.scenario;

import dev.cloudwarden.simulate.write.LogLine;
import dev.cloudwarden.simulate.write.ScenarioInfo;

import java.time.Instant;
import java.util.Random;
import java.util.function.Consumer;

/** One attack of the threat catalog, told in the logs it leaves, every line labelled with the scenario's id. */
public interface Scenario {
    ScenarioInfo info();

    /** Emits the attack's lines, starting at {@code start}; {@code random} makes it vary with the seed. */
    void generate(Instant start, Random random, Consumer<LogLine> out);
}
