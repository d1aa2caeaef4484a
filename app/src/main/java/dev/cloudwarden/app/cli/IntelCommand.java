package dev.cloudwarden.app.cli;

import dev.cloudwarden.engine.event.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.cloudwarden.app.intel.FeedFormat;
import dev.cloudwarden.app.intel.ImportReport;
import dev.cloudwarden.app.intel.IncidentObservables;
import dev.cloudwarden.app.intel.IntelImporter;
import dev.cloudwarden.app.intel.IntelJson;
import dev.cloudwarden.app.intel.LoadedIntel;
import dev.cloudwarden.app.intel.store.IocStore;
import dev.cloudwarden.app.intel.store.StoreRecords;
import dev.cloudwarden.app.intel.taxii.TaxiiAuth;
import dev.cloudwarden.app.intel.taxii.TaxiiOptions;
import dev.cloudwarden.app.output.SafeJsonEscapes;
import dev.cloudwarden.app.output.TerminalText;
import dev.cloudwarden.engine.intel.FeedProblem;
import dev.cloudwarden.engine.intel.Indicator;
import dev.cloudwarden.engine.intel.IocType;
import dev.cloudwarden.engine.intel.feed.FeedLimits;
import dev.cloudwarden.engine.intel.feed.ListOptions;
import dev.cloudwarden.engine.intel.match.IntelDetector;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code cloudwarden intel}: threat intelligence feeds into the store, and what is in it. */
@Command(name = "intel", mixinStandardHelpOptions = true,
        description = "Imports threat intelligence (STIX 2.1, TAXII 2.1, MISP, CSV and plain lists) into the store, "
                + "lists, counts and expires it, matches logs against it and exports STIX.",
        subcommands = {IntelCommand.Import.class, IntelCommand.ListIndicators.class, IntelCommand.Stats.class,
                IntelCommand.Expire.class, IntelCommand.Match.class, IntelCommand.Export.class})
public final class IntelCommand {
    /** {@code intel import SOURCE...}. */
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Imports feeds into the store; importing a feed again updates its indicators (by source and id).",
                    "SOURCE: a file (STIX bundle, MISP event or attributes JSON, CSV, one value per line), a folder (a MISP "
                            + "feed with manifest.json, or feed files), an http(s) URL of such a file or MISP feed, or "
                            + "taxii+https://HOST/API-ROOT/collections/ID (pulled incrementally: only objects added since the last pull).",
                    "Exit code: 0 all imported; 3 some objects were rejected (the rest was imported); 2 a source could not be read, or usage error."})
    static final class Import implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        StoreMixin store;

        @Parameters(arity = "0..*", paramLabel = "SOURCE", description = "Files, folders, URLs or taxii+https:// collections.")
        List<String> sources = new ArrayList<>();

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "auto",
                description = "auto, stix, misp, csv or list. Default: ${DEFAULT-VALUE} (by name and content).")
        FeedFormat format;

        @Option(names = "--label", paramLabel = "LABEL", description = "Adds LABEL to every indicator imported (repeatable), e.g. cloudwarden.m2.")
        List<String> labels = new ArrayList<>();

        @Option(names = "--name", paramLabel = "NAME", description = "The source name to store the indicators under. Default: the file or folder name, the URL, taxii:<collection URL>.")
        String name;

        @Option(names = "--ioc-type", paramLabel = "TYPE",
                description = "Plain lists: every value is of this type (address, domain, url, md5, sha1, sha256, aws-access-key, "
                        + "user-agent, email). Default: detected per line.")
        String iocType;

        @Option(names = "--confidence", paramLabel = "N", description = "Plain lists and CSV without a confidence column: 0-100.")
        Integer confidence;

        @Option(names = "--valid-until", paramLabel = "TIME", description = "Plain lists and CSV without a valid_until column: expiry (ISO-8601).")
        String validUntil;

        @Option(names = "--taxii", paramLabel = "API-ROOT-URL", description = "A TAXII 2.1 API root to pull --collection from.")
        String taxii;

        @Option(names = "--collection", paramLabel = "ID", description = "With --taxii: the collection id.")
        String collection;

        @ArgGroup(exclusive = true)
        Credentials credentials;

        static final class Credentials {
            @ArgGroup(exclusive = false)
            Basic basic;

            @Option(names = "--token", paramLabel = "TOKEN", description = "Bearer token (or $CLOUDWARDEN_TAXII_TOKEN).")
            String token;
        }

        static final class Basic {
            @Option(names = "--user", required = true, paramLabel = "USER", description = "HTTP basic user.")
            String user;

            @Option(names = "--password", paramLabel = "PASSWORD", description = "HTTP basic password (or $CLOUDWARDEN_TAXII_PASSWORD, which other users cannot see in the process list).")
            String password;
        }

        @Option(names = "--ca-file", paramLabel = "PEM", description = "Trust these CA certificates (PEM) instead of the JVM's trust store.")
        Path caFile;

        @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT60S",
                description = "Deadline for one HTTP response, body included (ISO-8601). Default: ${DEFAULT-VALUE}.")
        Duration timeout;

        @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "PT10S", description = "Default: ${DEFAULT-VALUE}.")
        Duration connectTimeout;

        @Option(names = "--max-response-bytes", paramLabel = "N", defaultValue = "" + TaxiiOptions.DEFAULT_MAX_RESPONSE_BYTES,
                description = "Largest HTTP response read; larger ones are abandoned. Default: ${DEFAULT-VALUE}.")
        long maxResponseBytes;

        @Option(names = "--retries", paramLabel = "N", defaultValue = "4",
                description = "Retries of a request answered 429 or 503 (waiting as Retry-After says, at most a minute). Default: ${DEFAULT-VALUE}.")
        int retries;

        @Option(names = "--full", description = "Read TAXII collections and MISP feeds from the start, not only what was added or changed since the last import.")
        boolean full;

        @Option(names = "--problems", paramLabel = "FILE", defaultValue = "cloudwarden-intel-problems.ndjson",
                description = "Every problem as a JSON line (created only when there are problems). Default: ${DEFAULT-VALUE}.")
        Path problemsFile;

        @Option(names = "--max-errors", paramLabel = "N", defaultValue = "20",
                description = "Problems printed on stderr per source; all go to --problems. Default: ${DEFAULT-VALUE}.")
        int maxErrors;

        @Override
        public Integer call() throws IOException {
            List<String> all = new ArrayList<>(sources);
            if (taxii != null || collection != null) {
                if (taxii == null || collection == null) {
                    throw new ParameterException(spec.commandLine(), "--taxii and --collection go together");
                }
                String root = taxii.endsWith("/") ? taxii : taxii + "/";
                all.add("taxii+" + root + "collections/" + collection);
            }
            if (all.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "give at least one SOURCE (or --taxii URL --collection ID)");
            }
            if (name != null && all.size() > 1) {
                throw new ParameterException(spec.commandLine(), "--name names one source; give one SOURCE with it");
            }
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Instant now = Instant.now();
            TaxiiOptions t = TaxiiOptions.defaults().withAuth(auth()).withTimeouts(connectTimeout, timeout)
                    .withMaxResponseBytes(maxResponseBytes)
                    .withRetries(retries, Duration.ofSeconds(1), Duration.ofSeconds(60))
                    .withCaFile(caFile);
            if (confidence != null && (confidence < 0 || confidence > 100)) {
                throw new ParameterException(spec.commandLine(), "--confidence must be 0-100");
            }
            ListOptions list = ListOptions.defaults().withLabels(labels).withConfidence(confidence)
                    .withType(iocType == null ? null : parseType(spec, iocType));
            if (validUntil != null) {
                try {
                    list = list.withValidUntil(Instant.parse(validUntil));
                } catch (DateTimeParseException e) {
                    throw new ParameterException(spec.commandLine(), "--valid-until '" + validUntil + "' is not an ISO-8601 time");
                }
            }
            IntelImporter.Options o = new IntelImporter.Options(format, name, labels, t, FeedLimits.defaults(), now, full, list);
            int exit = CloudWardenCli.EXIT_OK;
            long problems = 0;
            JsonGenerator problemLog = null;
            Writer problemWriter = null;
            try (IocStore s = IocStore.open(store.path())) {
                IntelImporter importer = new IntelImporter(s, o);
                for (String source : all) {
                    ImportReport r = importer.importSource(source);
                    out.println(summary(r));
                    int shown = 0;
                    for (FeedProblem p : r.problems()) {
                        if (shown++ < maxErrors) {
                            err.println("problem: " + TerminalText.safe(p.location()) + ": " + TerminalText.safe(p.reason()));
                        }
                        if (problemLog == null) {
                            problemWriter = Files.newBufferedWriter(problemsFile, StandardCharsets.UTF_8);
                            problemLog = SafeJsonEscapes.newlineSeparated(problemWriter);
                        }
                        IntelJson.problem(problemLog, r.name(), p);
                    }
                    if (r.problems().size() > maxErrors) {
                        err.printf(Locale.ROOT, "... and %,d more problems (all in %s)%n", r.problems().size() - maxErrors, problemsFile);
                    }
                    problems += r.problems().size();
                    if (r.failure() != null) {
                        String where = r.failure().contains(r.location()) ? "" : r.location() + ": ";
                        err.println((r.failed() ? "error: " : "warning: ") + TerminalText.safe(where + r.failure()));
                    }
                    if (r.failed()) {
                        exit = CloudWardenCli.EXIT_USAGE;
                    } else if ((!r.problems().isEmpty() || r.failure() != null) && exit == CloudWardenCli.EXIT_OK) {
                        exit = CloudWardenCli.EXIT_REJECTED_INPUT;
                    }
                }
            } finally {
                if (problemLog != null) {
                    problemLog.close();
                    problemWriter.close();
                }
            }
            if (problems > 0) {
                err.printf(Locale.ROOT, "%,d problems written to %s%n", problems, problemsFile);
            }
            out.flush();
            err.flush();
            return exit;
        }

        private TaxiiAuth auth() {
            if (credentials != null && credentials.token != null) {
                return new TaxiiAuth.Bearer(credentials.token);
            }
            if (credentials != null && credentials.basic != null) {
                String pw = credentials.basic.password != null ? credentials.basic.password : System.getenv("CLOUDWARDEN_TAXII_PASSWORD");
                return new TaxiiAuth.Basic(credentials.basic.user, pw);
            }
            String token = System.getenv("CLOUDWARDEN_TAXII_TOKEN");
            return token != null && !token.isBlank() ? new TaxiiAuth.Bearer(token) : TaxiiAuth.none();
        }

        static String summary(ImportReport r) {
            StringBuilder b = new StringBuilder();
            b.append(TerminalText.safe(r.name())).append(" (").append(r.kind()).append("): ");
            if (r.failed()) {
                return b.append("not imported").toString();
            }
            b.append(String.format(Locale.ROOT, "%,d indicators: %,d imported, %,d updated, %,d unchanged, %,d expired; "
                            + "%,d objects skipped; %,d problems", r.read(), r.counts().added(), r.counts().updated(),
                    r.counts().unchanged(), r.counts().expired(), r.skipped(), r.problems().size()));
            if (r.cursor() != null) {
                b.append("; next pull after ").append(TerminalText.safe(r.cursor()));
            }
            return b.append(String.format(Locale.ROOT, " (%.1f s)", r.took().toMillis() / 1000.0)).toString();
        }
    }

    /** {@code intel list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the indicators in the store.")
    static final class ListIndicators implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        StoreMixin store;

        @Option(names = "--type", paramLabel = "TYPE", description = "Only this type: address, domain, url, md5, sha1, sha256, aws-access-key, user-agent, email.")
        String type;

        @Option(names = "--source", paramLabel = "SOURCE", description = "Only this source.")
        String source;

        @Option(names = "--all", description = "Also expired indicators.")
        boolean all;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "0", description = "At most N (0: all).")
        long limit;

        @Option(names = "--format", paramLabel = "FORMAT", description = ListFormat.HELP)
        ListFormat format;

        @Override
        public Integer call() throws IOException {
            IocType t = type == null ? null : parseType(spec, type);
            ListFormat f = ListFormat.resolve(format);
            PrintWriter out = spec.commandLine().getOut();
            long[] n = {0};
            if (store.missing(spec)) {
                return CloudWardenCli.EXIT_OK;
            }
            try (IocStore s = IocStore.open(store.path())) {
                if (f == ListFormat.json) {
                    JsonGenerator g = SafeJsonEscapes.newlineSeparated(out);
                    s.forEach(t, source, all, x -> {
                        if (limit > 0 && n[0] >= limit) {
                            return;
                        }
                        n[0]++;
                        try {
                            IntelJson.indicator(g, x);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
                    g.flush();
                    out.println();
                } else {
                    out.printf("%-14s %-48s %-28s %4s  %-20s %s%n", "TYPE", "VALUE", "SOURCE", "CONF", "VALID UNTIL", "LABELS");
                    s.forEach(t, source, all, x -> {
                        if (limit > 0 && n[0] >= limit) {
                            return;
                        }
                        n[0]++;
                        Indicator i = x.indicator();
                        out.printf("%-14s %-48s %-28s %4s  %-20s %s%s%n", i.type().id(), TerminalText.safe(i.value()),
                                TerminalText.safe(i.source()), i.confidence() == null ? "-" : i.confidence(),
                                i.validUntil() == null ? "-" : i.validUntil().toString(),
                                TerminalText.safe(String.join(",", i.labels())), x.expiredAt() == null ? "" : "  (expired)");
                    });
                }
            }
            spec.commandLine().getErr().printf(Locale.ROOT, "%,d indicators%n", n[0]);
            out.flush();
            return CloudWardenCli.EXIT_OK;
        }
    }

    /** {@code intel stats}. */
    @Command(name = "stats", mixinStandardHelpOptions = true,
            description = "Counts indicators per type, source and label, expired ones and sightings, and each feed's last import.")
    static final class Stats implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        StoreMixin store;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "table or json. Default: ${DEFAULT-VALUE}.")
        ListFormat format;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            if (store.missing(spec)) {
                return CloudWardenCli.EXIT_OK;
            }
            try (IocStore s = IocStore.open(store.path())) {
                StoreRecords.Stats st = s.stats();
                List<StoreRecords.Feed> feeds = s.feeds();
                if (format == ListFormat.json) {
                    JsonGenerator g = SafeJsonEscapes.newlineSeparated(out);
                    IntelJson.stats(g, st, feeds);
                    g.flush();
                    out.println();
                } else {
                    out.printf(Locale.ROOT, "store %s (schema v%d)%n", TerminalText.safe(s.file().toString()), s.schemaVersion());
                    out.printf(Locale.ROOT, "%,d indicators: %,d current, %,d expired%n", st.indicators(), st.current(), st.expired());
                    section(out, "by type", st.byType(), Integer.MAX_VALUE);
                    section(out, "by source", st.bySource(), Integer.MAX_VALUE);
                    section(out, "by label (top 20)", st.byLabel(), 20);
                    out.printf(Locale.ROOT, "sightings: %,d of %,d indicators seen%n", st.sightings(), st.sightedIndicators());
                    if (!feeds.isEmpty()) {
                        out.println("feeds:");
                        for (StoreRecords.Feed f : feeds) {
                            out.printf(Locale.ROOT, "  %s (%s) last import %s: %,d imported, %,d updated, %,d unchanged, %,d skipped, %,d expired, %,d problems%s%n",
                                    TerminalText.safe(f.name()), f.kind(), f.lastImportAt(), f.imported(), f.updated(),
                                    f.unchanged(), f.skipped(), f.expired(), f.problems(),
                                    f.addedAfter() == null ? "" : "; next pull after " + TerminalText.safe(f.addedAfter()));
                        }
                    }
                }
            }
            out.flush();
            return CloudWardenCli.EXIT_OK;
        }

        private static void section(PrintWriter out, String title, Map<String, Long> m, int max) {
            if (m.isEmpty()) {
                return;
            }
            out.println(title + ":");
            m.entrySet().stream().limit(max).forEach(e ->
                    out.printf(Locale.ROOT, "  %-40s %,12d%n", TerminalText.safe(e.getKey()), e.getValue()));
        }
    }

    /** {@code intel expire}. */
    @Command(name = "expire", mixinStandardHelpOptions = true,
            description = "Marks indicators whose valid-until has passed as expired (they are no longer matched); --purge deletes the expired ones.")
    static final class Expire implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        StoreMixin store;

        @Option(names = "--as-of", paramLabel = "TIME", description = "Expire as of this time (ISO-8601, e.g. 2025-01-31T00:00:00Z). Default: now.")
        String asOf;

        @Option(names = "--purge", description = "Also delete every indicator marked expired, and its sightings.")
        boolean purge;

        @Override
        public Integer call() throws IOException {
            Instant t;
            try {
                t = asOf == null ? Instant.now() : Instant.parse(asOf);
            } catch (DateTimeParseException e) {
                throw new ParameterException(spec.commandLine(), "--as-of '" + asOf + "' is not an ISO-8601 time such as 2025-01-31T00:00:00Z");
            }
            PrintWriter out = spec.commandLine().getOut();
            if (store.missing(spec)) {
                return CloudWardenCli.EXIT_OK;
            }
            try (IocStore s = IocStore.open(store.path())) {
                long n = s.expire(t);
                out.printf(Locale.ROOT, "%,d indicators expired as of %s%n", n, t);
                if (purge) {
                    out.printf(Locale.ROOT, "%,d expired indicators deleted%n", s.purgeExpired());
                }
            }
            out.flush();
            return CloudWardenCli.EXIT_OK;
        }
    }

    /** {@code intel match PATH...}. */
    @Command(name = "match", mixinStandardHelpOptions = true,
            description = {"Reads logs as scan does and matches them against the intel only (the store's current indicators "
                    + "and the shipped starter intel), printing one alert per event and matched value; sightings go to the store.",
                    "Exit code: 0 read; 3 some input was rejected; 2 usage error."})
    static final class Match implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        IngestMixin ingest;

        @Mixin
        StoreMixin store;

        @Parameters(arity = "1..*", paramLabel = "PATH", description = "Log files or directories; - reads stdin.")
        List<String> paths;

        @Option(names = "--format", paramLabel = "FORMAT",
                description = "table, json (alerts as NDJSON) or ocsf. Default: table on a terminal, json otherwise.")
        dev.cloudwarden.app.output.AlertWriter.Format format;

        @Option(names = "--no-starter", description = "Leave the shipped starter intel out.")
        boolean noStarter;

        @Option(names = "--no-sightings", description = "Do not add this run's sightings to the store.")
        boolean noSightings;

        @Override
        public Integer call() throws IOException {
            PrintWriter err = spec.commandLine().getErr();
            LoadedIntel intel = LoadedIntel.load(store.path(), store.given(), !noStarter);
            if (intel.storeProblem() != null) {
                err.println("warning: " + TerminalText.safe(intel.storeProblem()) + "; matching without the store");
            }
            err.printf(Locale.ROOT, "%,d indicators (%,d from the store, %,d starter) indexed in %.1f s%n",
                    intel.indicators().size(), intel.fromStore(), intel.fromStarter(), intel.took().toMillis() / 1000.0);
            var chosen = format != null ? format : Terminal.stdoutIsTerminal()
                    ? dev.cloudwarden.app.output.AlertWriter.Format.table : dev.cloudwarden.app.output.AlertWriter.Format.json;
            var writer = dev.cloudwarden.app.output.AlertWriter.create(chosen, spec.commandLine().getOut(),
                    CloudWardenCli.stdout(spec.commandLine()), false);
            // intel only, every match an alert of its own: the same run as scan with no rules and no baselines
            var config = dev.cloudwarden.engine.run.RunConfig.of(dev.cloudwarden.engine.sigma.load.RuleSet.compile(
                            List.of(), dev.cloudwarden.engine.sigma.eval.SigmaConfig.defaults()))
                    .withBehavior(dev.cloudwarden.engine.behavior.BehaviorConfig.disabled()).withIntel(intel.index())
                    .withGrouping(dev.cloudwarden.engine.run.AlertGrouping.off());
            IntelDetector detector;
            long[] alerts = {0};
            dev.cloudwarden.engine.ingest.IngestStats stats;
            try (var run = new dev.cloudwarden.engine.run.DetectionRun(config, a -> {
                alerts[0]++;
                writer.write(a);
            }, dev.cloudwarden.engine.run.IncidentSink.NONE)) {
                detector = run.detector(IntelDetector.class).orElse(null); // none: no indicators at all
                stats = IngestRun.run(ingest, paths, spec, new IngestRun.EventConsumer() {
                    @Override
                    public void accept(dev.cloudwarden.engine.event.Event event) {
                        run.accept(event);
                    }

                    @Override
                    public void finish() throws IOException {
                        run.finish();
                        writer.close();
                    }
                });
            } catch (dev.cloudwarden.engine.run.SinkFailedException e) {
                return SinkFailures.report(spec, e);
            }
            var sightings = detector == null ? new dev.cloudwarden.engine.intel.match.Sightings() : detector.sightings();
            err.printf(Locale.ROOT, "%,d intel alerts; %,d indicators sighted%n", alerts[0], sightings.size());
            if (!noSightings && !sightings.isEmpty()) {
                try {
                    int n = intel.saveSightings(store.path(), sightings);
                    err.printf(Locale.ROOT, "%,d sightings added to %s%n", n, TerminalText.safe(store.path().toString()));
                } catch (IOException e) {
                    err.println("warning: sightings not saved: " + TerminalText.safe(e.getMessage()));
                }
            }
            err.flush();
            return stats.rejected() > 0 ? CloudWardenCli.EXIT_REJECTED_INPUT : CloudWardenCli.EXIT_OK;
        }
    }

    /** {@code intel export}. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Writes the observables of incidents (scan --incidents) as a STIX 2.1 bundle to share back: "
                    + "an indicator, the cyber-observable, observed-data and a sighting per value (the values intel alerts "
                    + "matched, and the incidents' public addresses).",
                    "Exit code: 0 written; 3 some incident lines were unreadable (the rest was exported); 2 usage error."})
    static final class Export implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--incidents", required = true, paramLabel = "FILE", description = "Incidents as NDJSON (scan --incidents FILE).")
        Path incidents;

        @Option(names = "--out", paramLabel = "FILE", description = "The bundle file. Default: stdout.")
        Path out;

        @Option(names = "--with-access-keys", description = "Also share the incidents' access key ids (your own keys, as the attacker used them).")
        boolean accessKeys;

        @Override
        public Integer call() throws IOException {
            PrintWriter err = spec.commandLine().getErr();
            if (!Files.isRegularFile(incidents)) {
                throw new ParameterException(spec.commandLine(), "no incidents file " + incidents);
            }
            var json = new com.fasterxml.jackson.databind.ObjectMapper();
            List<dev.cloudwarden.engine.intel.export.Observable> observables = new ArrayList<>();
            int read = 0;
            int bad = 0;
            int n = 0;
            try (var lines = Files.newBufferedReader(incidents, StandardCharsets.UTF_8)) {
                String line;
                while ((line = lines.readLine()) != null) {
                    n++;
                    if (line.isBlank()) {
                        continue;
                    }
                    try {
                        observables.addAll(IncidentObservables.of(json.readTree(line), accessKeys));
                        read++;
                    } catch (IOException | IllegalArgumentException e) {
                        bad++;
                        err.println("problem: " + TerminalText.safe(incidents + ":" + n) + ": "
                                + TerminalText.safe(e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                                ? "not JSON: " + j.getOriginalMessage() : e.getMessage()));
                    }
                }
            }
            Instant now = Instant.now();
            var bundle = dev.cloudwarden.engine.intel.export.StixExport.build(observables, now);
            if (out == null) {
                PrintWriter o = spec.commandLine().getOut();
                writeBundle(bundle, o);
                o.println();
                o.flush();
            } else {
                try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                    writeBundle(bundle, w);
                }
            }
            err.printf(Locale.ROOT, "%,d observables from %,d incidents written%s%n", observables.size(), read,
                    out == null ? "" : " to " + TerminalText.safe(out.toString()));
            err.flush();
            return bad > 0 ? CloudWardenCli.EXIT_REJECTED_INPUT : CloudWardenCli.EXIT_OK;
        }

        /**
         * Pretty-printed, with the escapes every JSON output of CloudWarden uses: observable values come from logs
         * and feeds, and C1 controls or bidi overrides in them must not act on the terminal the bundle is shown on.
         */
        private static void writeBundle(ObjectNode bundle, Writer w) throws IOException {
            try (JsonGenerator g = SafeJsonEscapes.newlineSeparated(w)) {
                g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                g.useDefaultPrettyPrinter();
                Json.MAPPER.writeTree(g, bundle);
            }
        }
    }

    static IocType parseType(CommandSpec spec, String type) {
        for (IocType t : IocType.values()) {
            if (t.id().equalsIgnoreCase(type) || t.name().equalsIgnoreCase(type)) {
                return t;
            }
        }
        throw new ParameterException(spec.commandLine(), "unknown --type '" + type + "'; one of "
                + java.util.Arrays.stream(IocType.values()).map(IocType::id).toList());
    }
}
