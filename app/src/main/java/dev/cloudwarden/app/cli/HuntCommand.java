package dev.cloudwarden.app.cli;

import dev.cloudwarden.app.hunt.HuntException;
import dev.cloudwarden.app.hunt.HuntLimits;
import dev.cloudwarden.app.hunt.HuntResult;
import dev.cloudwarden.app.hunt.HuntResultWriter;
import dev.cloudwarden.app.hunt.HuntService;
import dev.cloudwarden.app.hunt.HuntSources;
import dev.cloudwarden.app.output.TerminalText;
import dev.cloudwarden.app.store.PlatformStore;
import dev.cloudwarden.app.store.SavedHunt;
import dev.cloudwarden.app.store.StoreException;
import dev.cloudwarden.engine.sigma.load.RuleFile;
import dev.cloudwarden.engine.sigma.load.RuleFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code cloudwarden hunt 'SQL'} and {@code hunt --rule FILE}: read-only queries over archived events, alerts, incidents. */
@Command(name = "hunt", mixinStandardHelpOptions = true,
        description = {"Runs one read-only SQL query (DuckDB) over the tables events (kept by scan --archive), alerts and "
                + "incidents, or Sigma rules over the archived events (--rule).",
                "events has the normalized columns (time, source, day, class, principal, src_ip, operation, outcome...) "
                        + "and the original record as JSON in raw: WHERE (raw->>'eventName') = 'ConsoleLogin'.",
                "Exit code: 0 answered; 2 a bad or refused query, a timeout, or usage error."})
public final class HuntCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "SQL", description = "The query: a single SELECT (WITH, DESCRIBE, SUMMARIZE too).")
    String sql;

    @Option(names = "--rule", paramLabel = "FILE", description = "Sigma rule files or folders to run over the archived events "
            + "instead of SQL; repeatable. One row per rule and matching event.")
    List<Path> rules = new ArrayList<>();

    @Option(names = "--save", paramLabel = "NAME", description = "Save the query (or the --rule files) in the store under "
            + "NAME, replacing one of that name, then run it.")
    String save;

    @Option(names = "--saved", paramLabel = "NAME", description = "Run the hunt saved under NAME (by hunt --save or "
            + "PUT /api/v1/hunts/NAME).")
    String saved;

    @Mixin
    StoreMixin store;

    @Option(names = "--events", paramLabel = "DIR", description = "The event archive's folder. Default: beside the store (<store>.events/).")
    Path events;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "1000",
            description = "Rows returned at most; a note on stderr says when there were more. Default: ${DEFAULT-VALUE}.")
    int limit;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s", converter = ShortDurationConverter.class,
            description = "Cancel the query after this long (30s, 5m). Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "table, json (one object: columns, rows, truncated) or csv. Default: table on a terminal, json otherwise.")
    HuntResultWriter.Format format;

    @Override
    public Integer call() throws IOException {
        if ((sql != null ? 1 : 0) + (rules.isEmpty() ? 0 : 1) + (saved != null ? 1 : 0) != 1) {
            throw new ParameterException(spec.commandLine(), "give one of: a SQL query, --rule FILE, --saved NAME");
        }
        if (save != null && saved != null) {
            throw new ParameterException(spec.commandLine(), "--save names a new hunt; --saved runs one already saved");
        }
        if (limit < 1) {
            throw new ParameterException(spec.commandLine(), "--limit must be at least 1");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new ParameterException(spec.commandLine(), "--timeout must be positive");
        }
        PrintWriter err = spec.commandLine().getErr();
        HuntLimits limits = new HuntLimits(limit, timeout);
        HuntResult result;
        try {
            SavedHunt hunt = save != null || saved != null ? savedHunt() : null;
            try (HuntService service = new HuntService(HuntSources.forStoreFile(store.path(), events))) {
                result = hunt != null ? service.run(hunt, limits)
                        : sql != null ? service.run(sql, limits) : service.runRules(ruleFiles(), limits);
            }
        } catch (StoreException e) {
            err.println("cloudwarden hunt: " + TerminalText.safe(e.getMessage()));
            err.flush();
            return CloudWardenCli.EXIT_USAGE;
        } catch (HuntException e) {
            err.println("hunt " + e.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": "
                    + TerminalText.safe(e.getMessage()));
            err.flush();
            return CloudWardenCli.EXIT_USAGE;
        }
        HuntResultWriter.Format chosen = format != null ? format
                : Terminal.stdoutIsTerminal() ? HuntResultWriter.Format.table : HuntResultWriter.Format.json;
        HuntResultWriter.write(result, chosen, spec.commandLine().getOut());
        err.printf(Locale.ROOT, "%,d rows%s in %.2f s%n", result.rows().size(),
                result.truncated() ? " (more not fetched: --limit " + limit + ")" : "", result.took().toMillis() / 1000.0);
        err.flush();
        return CloudWardenCli.EXIT_OK;
    }

    /**
     * The hunt saved under --saved, or the query or rules given saved under --save (checked first, so a hunt that
     * cannot run is never saved). The store is closed again before the hunt, which reads the store's file itself.
     */
    private SavedHunt savedHunt() throws HuntException {
        if (saved != null) {
            try (PlatformStore s = PlatformStore.open(store.path().toString())) {
                return s.hunt(saved).orElseThrow(() -> new HuntException(HuntException.Kind.BAD_QUERY,
                        "no saved hunt named '" + saved + "' in " + store.path()));
            }
        }
        SavedHunt.Kind kind = sql != null ? SavedHunt.Kind.SQL : SavedHunt.Kind.SIGMA;
        String text = sql != null ? sql : String.join("\n---\n", ruleFiles().stream().map(RuleFile::text).toList());
        HuntService.check(save, kind, text);
        try (PlatformStore s = PlatformStore.open(store.path().toString())) {
            return s.saveHunt(PlatformStoreOption.CLI_ACTOR, save, kind, text);
        }
    }

    private List<RuleFile> ruleFiles() {
        try {
            return RuleFiles.fromPaths(rules);
        } catch (java.io.FileNotFoundException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "cannot read rules: " + e.getMessage());
        }
    }
}
