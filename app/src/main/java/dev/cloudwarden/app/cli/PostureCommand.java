package dev.cloudwarden.app.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.cloudwarden.app.output.SafeJsonEscapes;
import dev.cloudwarden.app.output.TerminalText;
import dev.cloudwarden.app.posture.Baseline;
import dev.cloudwarden.app.posture.FindingJson;
import dev.cloudwarden.app.posture.OcsfFindingWriter;
import dev.cloudwarden.app.posture.SarifWriter;
import dev.cloudwarden.app.posture.aws.AwsAccess;
import dev.cloudwarden.app.posture.aws.AwsLiveScan;
import dev.cloudwarden.app.posture.aws.AwsScanException;
import dev.cloudwarden.app.store.StoredPostureScan;
import dev.cloudwarden.engine.alert.Level;
import dev.cloudwarden.engine.posture.check.BuiltInChecks;
import dev.cloudwarden.engine.posture.check.Check;
import dev.cloudwarden.engine.posture.check.CheckLoader;
import dev.cloudwarden.engine.posture.check.Verdict;
import dev.cloudwarden.engine.posture.model.ParseProblem;
import dev.cloudwarden.engine.posture.model.ParsedConfig;
import dev.cloudwarden.engine.posture.scan.Finding;
import dev.cloudwarden.engine.posture.scan.PostureScan;
import dev.cloudwarden.engine.posture.scan.PostureScanner;
import dev.cloudwarden.engine.posture.scan.PostureSources;
import dev.cloudwarden.engine.posture.scan.Suppressions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code cloudwarden posture scan|checks|map}: misconfigurations in infrastructure as code and configuration snapshots. */
@Command(name = "posture", mixinStandardHelpOptions = true,
        description = "Finds the misconfigurations attackers walk through, before they do.",
        subcommands = {PostureCommand.Scan.class, PostureCommand.Checks.class, PostureMapCommand.class})
public final class PostureCommand {
    /** How findings are printed. */
    enum Format { table, json, sarif, ocsf }

    @Command(name = "scan", mixinStandardHelpOptions = true,
            description = {"Checks Terraform (HCL and plan JSON), CloudFormation, Kubernetes manifests, ARM templates, "
                    + "Dockerfiles, Docker daemon.json, Hadoop *-site.xml and AWS configuration snapshots; with --aws, a live "
                    + "AWS account.",
                    "Exit code: 1 an open failure at or above --fail-on, 0 otherwise; 3 some file could not be read or "
                            + "some AWS call failed (and no failure reached --fail-on); 2 usage error, a bad check file, "
                            + "or no AWS credentials."})
    static final class Scan implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "0..*", paramLabel = "PATH", description = "Files or folders (read recursively).")
        List<Path> paths = new ArrayList<>();

        @Option(names = "--aws", description = "Also scan the live AWS account of the SDK's default credentials (or "
                + "--profile): its describe/list/get calls, read as the CLI's output is (see the README).")
        boolean aws;

        @Option(names = "--region", paramLabel = "REGION", split = ",",
                description = "With --aws: the regions to scan. Repeatable. Default: the SDK's default region.")
        List<String> regions = new ArrayList<>();

        @Option(names = "--all-regions", description = "With --aws: every region enabled for the account.")
        boolean allRegions;

        @Option(names = "--profile", paramLabel = "NAME", description = "With --aws: the AWS profile to use.")
        String profile;

        @Option(names = "--endpoint-url", paramLabel = "URL",
                description = "With --aws: send every call to this endpoint (LocalStack-likes, a local fake).")
        URI endpointUrl;

        @Option(names = "--format", paramLabel = "FORMAT",
                description = "table, json (one finding per line), sarif (SARIF 2.1.0, one document) or ocsf (OCSF "
                        + "Compliance Findings, one per line). Default: table on a terminal, json otherwise.")
        Format format;

        @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "high",
                description = "Exit 1 when an open failure of this severity or above is found: informational, low, "
                        + "medium, high, critical. Default: ${DEFAULT-VALUE}.")
        String failOn;

        @Option(names = "--checks", paramLabel = "FILE|DIR",
                description = "More check files (YAML), beside the built-in ones. Repeatable.")
        List<Path> moreChecks = new ArrayList<>();

        @Option(names = "--check", split = ",", paramLabel = "ID",
                description = "Run only these checks (CloudWarden ids or equivalents such as CKV_AWS_20). Repeatable.")
        List<String> only = new ArrayList<>();

        @Option(names = "--skip-check", split = ",", paramLabel = "ID",
                description = "Leave these checks out (ids or equivalents). Repeatable.")
        List<String> skip = new ArrayList<>();

        @Option(names = "--suppressions", paramLabel = "FILE",
                description = "Accepted failures: check, resource, reason, expires (see the README).")
        Path suppressions;

        @Option(names = "--no-inline-skips", description = "Ignore checkov:skip and cloudwarden:skip beside resources.")
        boolean noInlineSkips;

        @Option(names = "--baseline", paramLabel = "FILE",
                description = "Report only failures not in this earlier --format json output (or Checkov baseline).")
        Path baseline;

        @Option(names = "--passed", description = "Also list passing checks (by default: failures, suppressed failures).")
        boolean passed;

        @Option(names = "--store", arity = "0..1", fallbackValue = "", paramLabel = "PATH|URL",
                description = "Also keep the findings in the store, where the web UI shows them beside incidents: a "
                        + "DuckDB file or postgresql://... (alone: $CLOUDWARDEN_STORE, else ~/.cloudwarden/cloudwarden.duckdb). "
                        + "A scan replaces what it saw: failures it no longer finds in the files it read are resolved.")
        String store;

        @Option(names = "--unknown", description = "Also list checks that could not be decided (a variable or computed "
                + "value the configuration does not give); the summary counts them either way.")
        boolean unknown;

        @Override
        public Integer call() throws IOException {
            if (paths.isEmpty() && !aws) {
                throw new ParameterException(spec.commandLine(), "give a PATH to scan, or --aws");
            }
            if (!aws && (!regions.isEmpty() || allRegions || profile != null || endpointUrl != null)) {
                throw new ParameterException(spec.commandLine(),
                        "--region, --all-regions, --profile and --endpoint-url go with --aws");
            }
            Level threshold = Level.parse(failOn).orElseThrow(() -> new ParameterException(spec.commandLine(),
                    "unknown --fail-on level '" + failOn + "'"));
            PrintWriter err = spec.commandLine().getErr();
            List<Check> checks = new ArrayList<>(BuiltInChecks.all());
            if (!loadMore(checks, err)) {
                return CloudWardenCli.EXIT_USAGE;
            }
            checks.removeIf(c -> !only.isEmpty() && only.stream().noneMatch(c::answersTo) || skip.stream().anyMatch(c::answersTo));
            if (checks.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "no check left to run (see --check, --skip-check)");
            }
            LocalDate today = LocalDate.now(Clock.systemUTC());
            Suppressions suppressed;
            try {
                suppressed = suppressions == null ? Suppressions.none(!noInlineSkips)
                        : new Suppressions(Suppressions.parse(suppressions.toString(), Files.readString(suppressions)),
                        !noInlineSkips, today);
            } catch (IllegalArgumentException e) {
                err.println("error: " + TerminalText.safe(e.getMessage()));
                return CloudWardenCli.EXIT_USAGE;
            }
            Baseline known = baseline == null ? null : Baseline.read(baseline);
            ParsedConfig live = ParsedConfig.concat(List.of());
            List<String> liveSources = List.of();
            try {
                if (aws) {
                    AwsLiveScan.Collected collected = new AwsLiveScan(new AwsAccess(profile, endpointUrl, null),
                            new AwsLiveScan.Options(regions, allRegions, Duration.ofSeconds(2))).collect();
                    live = AwsLiveScan.read(collected);
                    liveSources = AwsLiveScan.sources(collected);
                }
            } catch (AwsScanException e) {
                err.println("error: " + TerminalText.safe(e.getMessage()));
                return CloudWardenCli.EXIT_USAGE;
            }
            PostureScan scan = new PostureScanner(PostureSources.all(), checks).scan(paths, live, liveSources, suppressed);
            for (ParseProblem p : scan.problems()) {
                err.println("error: " + TerminalText.safe(p.toString()));
            }
            suppressed.expired().forEach(e -> err.println("warning: suppression expired on " + e.expires() + ": "
                    + TerminalText.safe(e.check() + " " + e.resource().pattern())));
            List<Finding> shown = scan.findings().stream()
                    .filter(f -> passed || f.verdict() != Verdict.PASS)
                    .filter(f -> unknown || f.verdict() != Verdict.UNKNOWN)
                    .filter(f -> known == null || f.verdict() != Verdict.FAIL || !known.knows(f))
                    .toList();
            print(shown);
            long failed = shown.stream().filter(Finding::open).count();
            long atOrAbove = shown.stream().filter(f -> f.open() && f.check().severity().compareTo(threshold) >= 0).count();
            long suppressedCount = shown.stream().filter(Finding::suppressed).count();
            long undecided = scan.findings().stream().filter(f -> f.verdict() == Verdict.UNKNOWN).count();
            long passes = scan.findings().stream().filter(f -> f.verdict() == Verdict.PASS).count();
            err.printf(Locale.ROOT, "%d files, %d resources, %d checks: %d failed (%d at or above %s), %d suppressed, "
                            + "%d passed, %d unknown%s; %d problems%n", scan.files().size(), scan.resources().size(), checks.size(),
                    failed, atOrAbove, threshold.id(), suppressedCount, passes, undecided,
                    known == null ? "" : " (failures in the baseline left out)", scan.problems().size());
            if (store != null && !record(scan, checks, err)) {
                return CloudWardenCli.EXIT_USAGE;
            }
            err.flush();
            if (atOrAbove > 0) {
                return CloudWardenCli.EXIT_FINDINGS;
            }
            return scan.problems().isEmpty() ? CloudWardenCli.EXIT_OK : CloudWardenCli.EXIT_REJECTED_INPUT;
        }

        /** Keeps the scan's findings in the store; false (with the reason printed) when the store cannot be used. */
        private boolean record(PostureScan scan, List<Check> checks, PrintWriter err) {
            PlatformStoreOption option = new PlatformStoreOption();
            option.location = store.isEmpty() ? null : store;
            List<String> roots = new ArrayList<>(paths.stream().map(Path::toString).toList());
            if (aws) {
                roots.add("aws" + (allRegions ? " (all regions)" : regions.isEmpty() ? "" : " " + String.join(",", regions)));
            }
            return option.inStore(spec, "posture scan", s -> {
                StoredPostureScan recorded = s.recordPostureScan(PlatformStoreOption.CLI_ACTOR, roots, scan,
                        checks.stream().map(Check::id).toList());
                err.printf(Locale.ROOT, "stored in %s as scan %d: %d newly failing, %d resolved%n",
                        TerminalText.safe(s.display()), recorded.id(), recorded.opened(), recorded.resolved());
            }) == CloudWardenCli.EXIT_OK;
        }

        private boolean loadMore(List<Check> checks, PrintWriter err) throws IOException {
            CheckLoader loader = new CheckLoader();
            boolean ok = true;
            for (Path f : dev.cloudwarden.engine.yaml.YamlFile.filesUnder(moreChecks)) {
                CheckLoader.Loaded loaded = loader.load(f.toString(), Files.readString(f));
                for (var e : loaded.errors()) {
                    err.println("check error: " + TerminalText.safe(e.getMessage()));
                    ok = false;
                }
                checks.addAll(loaded.checks());
            }
            return ok;
        }

        private void print(List<Finding> findings) throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            Format f = format != null ? format : Terminal.stdoutIsTerminal() ? Format.table : Format.json;
            switch (f) {
                case table -> table(out, findings);
                case json -> {
                    try (JsonGenerator g = SafeJsonEscapes.newlineSeparated(out)) {
                        for (Finding x : findings) {
                            FindingJson.write(g, x);
                        }
                    }
                }
                case ocsf -> {
                    long now = System.currentTimeMillis();
                    try (JsonGenerator g = SafeJsonEscapes.newlineSeparated(out)) {
                        for (Finding x : findings) {
                            OcsfFindingWriter.write(g, x, now);
                        }
                    }
                }
                case sarif -> SarifWriter.write(out, findings, CloudWardenCli.VERSION);
            }
            out.flush();
        }

        private static void table(PrintWriter out, List<Finding> findings) {
            List<Finding> sorted = findings.stream().sorted(Comparator
                    .comparing((Finding x) -> x.check().severity()).reversed()
                    .thenComparing(x -> x.resource().location().file())
                    .thenComparing(x -> x.resource().location().line())).toList();
            int checkWidth = Math.max(5, sorted.stream().mapToInt(x -> x.check().id().length()).max().orElse(0));
            String row = "%-10s %-8s %-" + checkWidth + "s %s%n";
            out.printf(row, "STATUS", "SEVERITY", "CHECK", "RESOURCE AT FILE:LINE / WHAT");
            for (Finding x : sorted) {
                String status = x.suppressed() ? "suppressed" : x.verdict().id();
                out.printf(row, status, x.check().severity().id(), x.check().id(), TerminalText.safe(x.resource().id()
                        + " at " + x.resource().location()));
                out.printf(row, "", "", "", TerminalText.safe(x.check().title()
                        + (x.outcome().detail().isEmpty() ? "" : " [" + x.outcome().detail() + "]")
                        + (x.suppressed() ? " [suppressed: " + x.suppression().reason() + "]" : "")));
            }
        }
    }

    @Command(name = "checks", mixinStandardHelpOptions = true, description = "Lists the checks with their equivalents and benchmarks.")
    static final class Checks implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--format", paramLabel = "FORMAT", description = ListFormat.HELP)
        ListFormat format;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            List<Check> checks = BuiltInChecks.all();
            if (ListFormat.resolve(format) == ListFormat.json) {
                try (JsonGenerator g = SafeJsonEscapes.newlineSeparated(out)) {
                    for (Check c : checks) {
                        g.writeStartObject();
                        g.writeStringField("id", c.id());
                        g.writeStringField("title", c.title());
                        g.writeStringField("severity", c.severity().id());
                        g.writeStringField("framework", c.framework().id());
                        g.writeArrayFieldStart("resource_types");
                        for (String t : c.resourceTypes().stream().sorted().toList()) {
                            g.writeString(t);
                        }
                        g.writeEndArray();
                        g.writeStringField("layer", c.layer().id());
                        g.writeStringField("owner", c.owner().id());
                        g.writeObjectField("equivalents", new java.util.TreeMap<>(c.equivalents()));
                        g.writeObjectField("benchmarks", new java.util.TreeMap<>(c.benchmarks()));
                        g.writeObjectField("threats", c.threats());
                        g.writeStringField("defined_at", c.definedAt().toString());
                        g.writeEndObject();
                    }
                }
            } else {
                out.printf("%-28s %-8s %-14s %-12s %s%n", "CHECK", "SEVERITY", "FRAMEWORK", "LAYER", "TITLE");
                for (Check c : checks) {
                    out.printf("%-28s %-8s %-14s %-12s %s%n", c.id(), c.severity().id(), c.framework().id(),
                            c.layer().id(), c.title());
                }
                out.printf("%d checks%n", checks.size());
            }
            out.flush();
            return CloudWardenCli.EXIT_OK;
        }
    }
}
