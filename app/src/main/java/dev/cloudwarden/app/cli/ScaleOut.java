package dev.cloudwarden.app.cli;

import dev.cloudwarden.engine.run.AlertSink;
import dev.cloudwarden.engine.run.IncidentSink;
import dev.cloudwarden.engine.run.RunConfig;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The scale-out runtime (the Flink job over Kafka, module {@code flink}), when it is on the class path: the
 * {@code cloudwarden} launcher puts it there for {@code flink} commands and {@code --flink}. Found through
 * {@link ServiceLoader}, so this module does not depend on Flink.
 */
public interface ScaleOut {
    /** The commands it adds ({@code flink run}). */
    List<Object> commands();

    /**
     * Runs {@code logs} (a folder of log files) through the job the way {@code scan} runs them, to the end, into the
     * sinks: each file a partition of a topic on a broker inside this JVM, the job on a local MiniCluster.
     *
     * @param run           the run's configuration, as the CLI built it
     * @param options       what the job needs to rebuild it on its tasks
     * @return the number of events read
     */
    long replay(RunConfig run, JobOptions options, Path logs, AlertSink alerts, IncidentSink incidents) throws Exception;

    /**
     * What a job rebuilds the run from on each task (a run's compiled rules do not travel; their sources do).
     *
     * @param builtInRules  the built-in pack
     * @param starterIntel  the shipped starter indicators
     * @param suppressions  the suppressions file, or null
     * @param incidentLevel alerts at this level and above form incidents, or null for none
     */
    record JobOptions(boolean builtInRules, boolean starterIntel, Path suppressions, String incidentLevel) {
    }

    static Optional<ScaleOut> find() {
        return ServiceLoader.load(ScaleOut.class).findFirst();
    }
}
