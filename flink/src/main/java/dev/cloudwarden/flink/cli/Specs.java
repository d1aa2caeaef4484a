package dev.cloudwarden.flink.cli;

import dev.cloudwarden.app.cli.ScaleOut;
import dev.cloudwarden.engine.run.RunConfig;
import dev.cloudwarden.engine.sigma.load.RuleFile;
import dev.cloudwarden.flink.job.JobSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;

/** The job's spec from a run the CLI configured: the same options, as data every task rebuilds the run from. */
final class Specs {
    private Specs() {
    }

    /** @param ruleFiles the rule files besides the built-in pack (built-in ones are left to the tasks' own copy) */
    static JobSpec of(RunConfig run, ScaleOut.JobOptions options, List<RuleFile> ruleFiles) {
        List<JobSpec.Rules> rules = ruleFiles.stream().filter(f -> !f.builtIn())
                .map(f -> new JobSpec.Rules(f.name(), f.text())).toList();
        JobSpec.Rules suppressions = null;
        if (options.suppressions() != null) {
            try {
                suppressions = new JobSpec.Rules(options.suppressions().toString(),
                        Files.readString(options.suppressions(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new JobSpec(rules, options.builtInRules(), options.starterIntel(), run.allowedLateness(),
                run.behavior().enabled(), run.grouping().enabled() ? run.grouping().period() : null, suppressions,
                Instant.now(), options.incidentLevel());
    }
}
