package dev.cloudwarden.app.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.cloudwarden.app.hunt.ArchiveLayout;
import dev.cloudwarden.app.output.SafeJsonEscapes;
import dev.cloudwarden.app.output.TerminalText;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.posture.check.BuiltInChecks;
import dev.cloudwarden.engine.posture.check.Check;
import dev.cloudwarden.engine.posture.map.DetectionRule;
import dev.cloudwarden.engine.posture.map.ResponsibilityMap;
import dev.cloudwarden.engine.posture.model.Layer;
import dev.cloudwarden.engine.sigma.load.LoadedRule;
import dev.cloudwarden.engine.sigma.load.RuleSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * {@code cloudwarden posture map}: the shared-responsibility map (R8). Per service model, the customer-side controls,
 * and for each whether a posture check covers it and whether a detection whose telemetry is actually fed covers it;
 * the dead spots are listed. Telemetry is what the event archive beside the store holds (a folder per source and day,
 * written by {@code scan --archive} and {@code serve}), or what {@code --telemetry} names.
 */
@Command(name = "map", mixinStandardHelpOptions = true,
        description = {"Shows, per service model (IaaS, PaaS, FaaS, containers/K8s, SaaS), the customer-side controls, "
                + "whether a posture check covers each, and whether a detection with telemetry actually fed covers it; "
                + "lists the dead spots.", "Exit code: 0, or 1 with --fail-on-dead-spots when there is one."})
final class PostureMapCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RulesMixin rules;

    @Mixin
    StoreMixin store;

    @Option(names = "--events", paramLabel = "DIR", description = "The event archive whose sources count as fed "
            + "(default: the one beside the store).")
    Path events;

    @Option(names = "--telemetry", split = ",", paramLabel = "SOURCE",
            description = "Sources fed, instead of reading the archive: cloudtrail, vpcflow, s3access, route53resolver, "
                    + "k8saudit, azureactivity, azuresignin, gcpaudit, sshd, web, docker, yarn, exim, json.")
    List<String> telemetry;

    @Option(names = "--format", paramLabel = "FORMAT", description = ListFormat.HELP)
    ListFormat format;

    @Option(names = "--fail-on-dead-spots", description = "Exit 1 when a control has neither a check nor a fed detection.")
    boolean failOnDeadSpots;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Set<String> fed = telemetry != null ? validated(telemetry) : (events != null ? new ArchiveLayout(events)
                : ArchiveLayout.besideStore(store.path())).sources();
        List<ResponsibilityMap.Row> rows = dev.cloudwarden.app.posture.ResponsibilityRows.of(rules.load(spec), fed);
        long dead = rows.stream().filter(r -> r.coverage() == ResponsibilityMap.Coverage.DEAD_SPOT
                || r.coverage() == ResponsibilityMap.Coverage.DETECTION_UNFED).count();
        if (ListFormat.resolve(format) == ListFormat.json) {
            try (JsonGenerator g = SafeJsonEscapes.newlineSeparated(out)) {
                for (ResponsibilityMap.Row r : rows) {
                    g.writeStartObject();
                    g.writeStringField("control", r.control().id());
                    g.writeStringField("layer", r.control().layer().id());
                    g.writeStringField("owner", r.control().owner().id());
                    g.writeStringField("title", r.control().title());
                    g.writeStringField("coverage", r.coverage().name().toLowerCase(Locale.ROOT));
                    g.writeArrayFieldStart("checks");
                    for (Check c : r.checks()) {
                        g.writeString(c.id());
                    }
                    g.writeEndArray();
                    g.writeNumberField("detections", r.rules().size());
                    g.writeNumberField("detections_fed", r.fedRules().size());
                    g.writeArrayFieldStart("telemetry_missing");
                    for (String s : missing(r, fed)) {
                        g.writeString(s);
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                }
            }
        } else {
            out.println("Telemetry fed: " + (fed.isEmpty() ? "none (feed logs with scan --archive or serve, or name them "
                    + "with --telemetry)" : String.join(", ", fed)));
            for (Layer layer : Layer.values()) {
                out.println();
                out.println(layer.label() + " (customer side)");
                out.printf("  %-28s %-16s %7s %11s  %s%n", "CONTROL", "COVERAGE", "CHECKS", "DETECTIONS", "WHAT");
                for (ResponsibilityMap.Row r : rows) {
                    if (r.control().layer() != layer) {
                        continue;
                    }
                    out.printf("  %-28s %-16s %7d %5d/%-5d  %s%n", r.control().id(), label(r.coverage()), r.checks().size(),
                            r.fedRules().size(), r.rules().size(), r.control().title());
                    List<String> missing = missing(r, fed);
                    if (r.fedRules().isEmpty() && !missing.isEmpty()) {
                        out.printf("  %-28s %-16s %7s %11s  feed %s to watch it%n", "", "", "", "", String.join(" or ", missing));
                    }
                }
            }
            out.println();
            out.printf("%d controls: %d covered by both, %d with dead spots (neither a check nor a fed detection)%n",
                    rows.size(), rows.stream().filter(r -> r.coverage() == ResponsibilityMap.Coverage.COVERED).count(), dead);
            rows.stream().filter(r -> r.coverage() == ResponsibilityMap.Coverage.DEAD_SPOT
                            || r.coverage() == ResponsibilityMap.Coverage.DETECTION_UNFED)
                    .forEach(r -> out.println("dead spot: " + r.control().layer().label() + " / " + r.control().id() + ": "
                            + TerminalText.safe(r.control().title())));
        }
        out.flush();
        return failOnDeadSpots && dead > 0 ? CloudWardenCli.EXIT_FINDINGS : CloudWardenCli.EXIT_OK;
    }

    private static String label(ResponsibilityMap.Coverage c) {
        return c.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** The sources that would feed the control's detections, none of which is fed. */
    private static List<String> missing(ResponsibilityMap.Row r, Set<String> fed) {
        if (!r.fedRules().isEmpty()) {
            return List.of();
        }
        Set<String> wanted = new TreeSet<>();
        r.rules().forEach(d -> wanted.addAll(d.fedBy()));
        wanted.removeAll(fed);
        return List.copyOf(wanted);
    }

    private Set<String> validated(List<String> given) {
        Set<String> known = new TreeSet<>();
        for (SourceType t : SourceType.values()) {
            known.add(t.id());
        }
        Set<String> out = new TreeSet<>();
        for (String s : given) {
            if (!known.contains(s.trim())) {
                throw new ParameterException(spec.commandLine(), "unknown telemetry source '" + s + "' (one of " + known + ")");
            }
            out.add(s.trim());
        }
        return out;
    }
}
