package dev.cloudwarden.app.cli;

import dev.cloudwarden.app.output.CoverageWriter;
import dev.cloudwarden.app.output.TerminalText;
import dev.cloudwarden.engine.sigma.coverage.RuleCoverage;
import dev.cloudwarden.engine.sigma.load.RuleSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code cloudwarden rules coverage}: which techniques and threat-catalog rows the loaded rules cover. */
@Command(name = "coverage", mixinStandardHelpOptions = true,
        description = {"Lists the ATT&CK techniques (attack.tNNNN tags) and THREATS.md catalog rows (cloudwarden.t1 .. "
                + "cloudwarden.m6 tags) that the loaded rules and correlations cover: per technique or row, its rules "
                + "(id, level, title) and the log sources CloudWarden parses that feed them; then the techniques each log "
                + "source feeds, and the catalog rows no rule covers.",
                "Behavioral detectors and intel are not rules and are not counted."})
final class RulesCoverageCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RulesMixin rules;

    @Option(names = "--format", paramLabel = "FORMAT", description = ListFormat.HELP)
    ListFormat format;

    @Option(names = "--navigator", paramLabel = "FILE",
            description = "Also write the covered techniques as an ATT&CK Navigator layer (JSON, layer format 4.5; score: "
                    + "rules fed by a parsed log source) to FILE.")
    Path navigator;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        RuleSet set = rules.load(spec);
        RuleCoverage coverage = RuleCoverage.of(set);
        if (ListFormat.resolve(format) == ListFormat.json) {
            CoverageWriter.json(coverage, out);
        } else {
            CoverageWriter.table(coverage, out);
        }
        PrintWriter err = spec.commandLine().getErr();
        if (navigator != null) {
            try (Writer w = Files.newBufferedWriter(navigator, StandardCharsets.UTF_8)) {
                CoverageWriter.navigator(coverage, w);
            }
            err.println("ATT&CK Navigator layer written to " + TerminalText.safe(navigator.toString()));
        }
        err.printf("%d techniques covered (%d fed by a parser), %d of %d catalog rows (%d fed), from %d rules and %d correlations%s%n",
                coverage.techniques().size(), coverage.techniques().stream().filter(RuleCoverage.Covered::fed).count(),
                coverage.catalog().size() - coverage.uncoveredRows().size(), coverage.catalog().size(),
                coverage.catalog().stream().filter(RuleCoverage.Covered::fed).count(), set.rules().size(),
                set.correlations().size(), RulesMixin.listingNote(set));
        err.flush();
        return CloudWardenCli.EXIT_OK;
    }
}
