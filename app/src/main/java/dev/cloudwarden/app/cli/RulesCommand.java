package dev.cloudwarden.app.cli;

import dev.cloudwarden.app.output.RuleListWriter;
import dev.cloudwarden.app.output.TerminalText;
import dev.cloudwarden.engine.sigma.load.LoadedRule;
import dev.cloudwarden.engine.sigma.load.RuleSet;
import dev.cloudwarden.engine.sigma.parse.RuleError;
import dev.cloudwarden.engine.sigma.parse.RuleErrorCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code cloudwarden rules validate|list|coverage|test|convert}. */
@Command(name = "rules", mixinStandardHelpOptions = true, description = "Checks and lists Sigma rules.",
        subcommands = {RulesCommand.Validate.class, RulesCommand.ListRules.class, RulesCoverageCommand.class,
                RulesCommand.TestRules.class, RulesCommand.Convert.class})
public final class RulesCommand {

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = {"Parses and compiles rules and reports every problem with file:line:column, and the rules "
                    + "whose logsource no CloudWarden parser can feed.", "Exit code: 0 no errors, 2 errors found."})
    static final class Validate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        RulesMixin rules;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            RuleSet set = rules.load(spec);
            for (RuleError e : set.errors()) {
                out.println("error: " + TerminalText.safe(e.toString()) + " [" + e.code() + "]");
            }
            long unfed = 0;
            long unindexed = 0;
            for (LoadedRule r : set.rules()) {
                if (dev.cloudwarden.engine.sigma.compile.RuleFields.required(r.rule()).isEmpty()) {
                    unindexed++;
                    out.println("not indexable: " + TerminalText.safe(r.rule().source().toString()) + ": pins no field to "
                            + "exact values, so it is tested against every event of its logsource");
                }
                if (r.fedBy().isEmpty()) {
                    unfed++;
                    out.println("not fed: " + TerminalText.safe(r.rule().source().toString()) + ": no parser produces logsource "
                            + r.rule().logSource() + " (feed such events as generic JSON with --logsource)");
                }
            }
            Map<RuleErrorCode, Long> byCode = set.errors().stream()
                    .collect(Collectors.groupingBy(RuleError::code, () -> new EnumMap<>(RuleErrorCode.class), Collectors.counting()));
            out.printf("%d files: %d rules and %d correlations loaded%s, %d errors%s, %d rules with a logsource no parser feeds, "
                    + "%d not indexable%n", set.files(), set.rules().size(), set.correlations().size(), RulesMixin.replacedNote(set),
                    set.errors().size(), byCode.isEmpty() ? "" : " " + byCode, unfed, unindexed);
            out.flush();
            return set.errors().isEmpty() ? CloudWardenCli.EXIT_OK : CloudWardenCli.EXIT_USAGE;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists rules with level, logsource, sources that feed them and tags.")
    static final class ListRules implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        RulesMixin rules;

        @picocli.CommandLine.Option(names = "--format", paramLabel = "FORMAT", description = ListFormat.HELP)
        ListFormat format;

        @Override
        public Integer call() throws java.io.IOException {
            PrintWriter out = spec.commandLine().getOut();
            RuleSet set = rules.load(spec);
            if (ListFormat.resolve(format) == ListFormat.json) {
                RuleListWriter.json(set.rules(), out);
            } else {
                RuleListWriter.table(set.rules(), out);
            }
            PrintWriter err = spec.commandLine().getErr();
            err.printf("%d rules%s%n", set.rules().size(), RulesMixin.listingNote(set));
            err.flush();
            return CloudWardenCli.EXIT_OK;
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = {"Runs rule test files (<rule>.tests.yml beside <rule>.yml: events and the expected verdict).",
                    "Exit code: 0 all cases pass, 1 a case failed, 2 a test file or rule could not be read."})
    static final class TestRules implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        RulesMixin rules;

        @Override
        public Integer call() throws java.io.IOException {
            PrintWriter out = spec.commandLine().getOut();
            RuleSet set = rules.load(spec);
            java.util.List<dev.cloudwarden.engine.sigma.ruletest.RuleTestFile> files = new java.util.ArrayList<>();
            int problems = set.errors().size();
            set.errors().forEach(e -> out.println("error: " + TerminalText.safe(e.toString())));
            for (dev.cloudwarden.engine.sigma.load.RuleFile f : rules.testFiles(spec)) {
                var parsed = dev.cloudwarden.engine.sigma.ruletest.RuleTestFile.parse(f.name(), f.text());
                parsed.errors().forEach(e -> out.println("error: " + TerminalText.safe(e.toString())));
                problems += parsed.errors().size();
                if (parsed.file() != null) {
                    files.add(parsed.file());
                }
            }
            var outcomes = dev.cloudwarden.engine.sigma.ruletest.RuleTestRunner.run(set, files);
            long failed = 0;
            for (var o : outcomes) {
                if (!o.passed()) {
                    failed++;
                }
                out.printf("%s %s: %s%s%n", o.passed() ? "PASS" : "FAIL", TerminalText.safe(o.testCase().location().toString()),
                        TerminalText.safe(o.testCase().name()), o.passed() ? "" : " - " + o.message());
            }
            out.printf("%d cases in %d files: %d passed, %d failed%n", outcomes.size(), files.size(),
                    outcomes.size() - failed, failed);
            out.flush();
            return problems > 0 ? CloudWardenCli.EXIT_USAGE : failed > 0 ? CloudWardenCli.EXIT_FINDINGS : CloudWardenCli.EXIT_OK;
        }
    }

    @Command(name = "convert", mixinStandardHelpOptions = true,
            description = {"Converts rules to SQL for DuckDB: a boolean expression per rule over a JSON column named json "
                    + "(records read with read_ndjson_objects), or with --input one query counting each rule's matches in a file.",
                    "Rules the backend cannot express exactly (cidr, time modifiers) are reported and left out."})
    static final class Convert implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        RulesMixin rules;

        @picocli.CommandLine.Option(names = "--to", defaultValue = "duckdb", description = "Target: duckdb (the only one so far).")
        String target;

        @picocli.CommandLine.Option(names = "--input", paramLabel = "NDJSON",
                description = "Print one SELECT counting each rule's matches in this NDJSON file instead of the expressions.")
        String input;

        @Override
        public Integer call() {
            if (!target.equalsIgnoreCase("duckdb")) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "unknown --to '" + target + "'; known: duckdb");
            }
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            RuleSet set = rules.load(spec);
            set.errors().forEach(e -> err.println("error: " + TerminalText.safe(e.toString())));
            var converter = new dev.cloudwarden.engine.sigma.convert.DuckDbConverter(
                    dev.cloudwarden.engine.sigma.eval.SigmaConfig.defaults());
            java.util.List<dev.cloudwarden.engine.sigma.convert.ConvertedRule> converted = new java.util.ArrayList<>();
            int skipped = 0;
            for (LoadedRule r : set.rules()) {
                try {
                    converted.add(new dev.cloudwarden.engine.sigma.convert.ConvertedRule(r.key(), converter.condition(r.rule())));
                } catch (Exception e) {
                    skipped++;
                    err.println("skipped: " + TerminalText.safe(e.getMessage()));
                }
            }
            if (input != null) {
                out.println(dev.cloudwarden.engine.sigma.convert.DuckDbConverter.countQuery(input, converted) + ";");
            } else {
                for (var c : converted) {
                    out.println("-- " + c.key());
                    out.println(c.condition() + ";");
                }
            }
            err.printf("%d rules converted, %d left out%n", converted.size(), skipped + set.errors().size());
            out.flush();
            err.flush();
            return set.errors().isEmpty() && skipped == 0 ? CloudWardenCli.EXIT_OK : CloudWardenCli.EXIT_USAGE;
        }
    }
}
