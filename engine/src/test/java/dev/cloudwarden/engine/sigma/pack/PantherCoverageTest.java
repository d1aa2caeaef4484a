package dev.cloudwarden.engine.sigma.pack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.alert.Level;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.ingest.GoldenFiles;
import dev.cloudwarden.engine.ingest.IngestOptions;
import dev.cloudwarden.engine.ingest.Ingestor;
import dev.cloudwarden.engine.ingest.read.Input;
import dev.cloudwarden.engine.run.AlertGrouping;
import dev.cloudwarden.engine.run.RunConfig;
import dev.cloudwarden.engine.run.RunResults;
import dev.cloudwarden.engine.sigma.eval.SigmaConfig;
import dev.cloudwarden.engine.sigma.load.RuleFiles;
import dev.cloudwarden.engine.sigma.load.RuleSet;
import dev.cloudwarden.engine.sigma.load.RuleTuning;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Detection breadth and false alarms, measured on Panther's open detection set: every labelled test record of
 * panther-analysis in the log types CloudWarden parses (copied to {@code test/resources/datasets/panther}, with
 * their licence and origin), through the real ingest and detection run with the whole built-in set and its shipped
 * tuning, one run per record.
 * <ul>
 * <li>the positives ({@code expected_result: true}) that parse raise an alert at medium or above, at least the
 * share {@link #MIN_POSITIVES_COVERED} reached (issue 9's goal is 90%), and every one that does not is listed;</li>
 * <li>at most 1% of the negatives raise one at high or above;</li>
 * <li>each positive left out is in {@code exclusions.txt} with its reason, and each listed one is still left out.</li>
 * </ul>
 * Panther's fixtures are often partial. A record the ingest rejects as it is (no event time of its own, most
 * often) is counted, then read again with a fixed time, as a file's time would give it; once the ingest takes
 * such records itself the count drops to zero and the figures stay the same.
 */
class PantherCoverageTest {
    private static final String DIR = "/datasets/panther/";
    /**
     * Floor of the share of parsed positives with a medium alert. Issue 9 asks for 0.90; the pack reaches 0.650
     * (204 of 314, AKS records read through their Azure envelope included; 0.664 of 292 before trimmed records
     * stopped being rejected and joined the count) and every positive it
     * leaves out is in exclusions.txt with its reason: most are Panther's
     * audit-trail rules for routine administration (severity Info or Low), single records of a count, or need
     * lookups. The floor keeps what is reached from slipping back.
     */
    private static final double MIN_POSITIVES_COVERED = 0.64;
    private static final double MAX_NEGATIVES_HIGH = 0.01;
    private static final RuleSet RULES = RuleSet.compile(RuleFiles.builtIn(), SigmaConfig.defaults(), RuleTuning.builtIn());

    /** Panther log type → how CloudWarden reads it (null: no parser). */
    private static final Map<String, SourceType> LOG_TYPES = new LinkedHashMap<>();

    static {
        LOG_TYPES.put("AWS.CloudTrail", SourceType.CLOUDTRAIL);
        LOG_TYPES.put("Amazon.EKS.Audit", SourceType.K8S_AUDIT);
        LOG_TYPES.put("GCP.AuditLog", SourceType.GCP_AUDIT);
        LOG_TYPES.put("Azure.MonitorActivity", SourceType.AZURE_ACTIVITY);
        LOG_TYPES.put("Azure.Audit", SourceType.AZURE_ACTIVITY); // sign-ins go to the sign-in parser, see source()
        LOG_TYPES.put("AWS.VPCDns", SourceType.ROUTE53_RESOLVER);
        LOG_TYPES.put("AWS.VPCFlow", SourceType.VPC_FLOW);
        // S3 access logs are text lines (source s3access); Panther gives them as JSON objects, which no parser reads
        LOG_TYPES.put("AWS.S3ServerAccess", null);
    }

    /** The field holding each forced source's event time. */
    private static final Map<SourceType, String> TIME_FIELD = Map.of(
            SourceType.CLOUDTRAIL, "eventTime",
            SourceType.K8S_AUDIT, "stageTimestamp",
            SourceType.GCP_AUDIT, "timestamp",
            SourceType.AZURE_ACTIVITY, "time",
            SourceType.AZURE_SIGNIN, "time",
            SourceType.ROUTE53_RESOLVER, "query_timestamp");

    /** One Panther rule test. */
    record Sample(String logType, String key, boolean positive, JsonNode log) {
    }

    /** What one record gave: whether it parsed as it is, whether it parsed at all, the highest alert level. */
    record Outcome(boolean parsedAsIs, boolean parsed, Level highest, List<String> alerts) {
        boolean atLeast(Level level) {
            return highest != null && highest.compareTo(level) >= 0;
        }
    }

    /** Counts of one log type. */
    static final class Tally {
        int positives;
        int positivesParsed;
        int positivesCovered;
        int negatives;
        int negativesParsed;
        int negativesHigh;
        int rejectedAsIs;
        int unparsed;

        @Override
        public String toString() {
            return String.format("positives %d (parsed %d, medium+ %d = %s), negatives %d (parsed %d, high+ %d = %s),"
                            + " rejected as-is %d, no parser %d", positives, positivesParsed, positivesCovered,
                    pct(positivesCovered, positivesParsed), negatives, negativesParsed, negativesHigh,
                    pct(negativesHigh, negativesParsed), rejectedAsIs, unparsed);
        }
    }

    static String pct(int n, int d) {
        return d == 0 ? "n/a" : String.format("%.1f%%", 100.0 * n / d);
    }

    @Test
    void positivesRaiseMediumAlertsAndNegativesRarelyHighOnes() {
        Map<String, String> exclusions = exclusions();
        Map<String, Tally> tallies = new LinkedHashMap<>();
        Tally all = new Tally();
        Map<String, String> uncovered = new TreeMap<>();
        Map<String, String> falseHighs = new TreeMap<>();
        List<String> staleExclusions = new ArrayList<>();
        List<String> notParsed = new ArrayList<>();
        List<String> parsedPositives = new ArrayList<>();
        for (Sample s : samples()) {
            Tally t = tallies.computeIfAbsent(s.logType(), k -> new Tally());
            Outcome o = run(s);
            for (Tally x : List.of(t, all)) {
                if (s.positive()) {
                    x.positives++;
                } else {
                    x.negatives++;
                }
                if (source(s) == null) {
                    x.unparsed++;
                    continue;
                }
                if (!o.parsedAsIs()) {
                    x.rejectedAsIs++;
                }
                if (!o.parsed()) {
                    continue;
                }
                if (s.positive()) {
                    x.positivesParsed++;
                    x.positivesCovered += o.atLeast(Level.MEDIUM) ? 1 : 0;
                } else {
                    x.negativesParsed++;
                    x.negativesHigh += o.atLeast(Level.HIGH) ? 1 : 0;
                }
            }
            if (s.positive() && !o.parsed()) {
                notParsed.add(s.key() + " (" + s.logType() + (source(s) == null ? ", no parser" : ", rejected") + ")");
            }
            if (s.positive() && o.parsed()) {
                parsedPositives.add(s.key());
                boolean covered = o.atLeast(Level.MEDIUM);
                if (!covered && !exclusions.containsKey(s.key())) {
                    uncovered.put(s.key(), "alerts " + o.alerts());
                }
                if (covered && exclusions.containsKey(s.key())) {
                    staleExclusions.add(s.key());
                }
            }
            if (!s.positive() && o.parsed() && o.atLeast(Level.HIGH)) {
                falseHighs.put(s.key(), o.alerts().toString());
            }
        }
        tallies.forEach((k, v) -> System.out.println("panther " + k + ": " + v));
        System.out.println("panther all: " + all);
        System.out.println("panther positives left out (" + exclusions.size() + " listed in exclusions.txt):");
        exclusions.forEach((k, v) -> System.out.println("  " + k + " -- " + v));
        notParsed.forEach(k -> System.out.println("NOT-PARSED " + k));
        uncovered.forEach((k, v) -> System.out.println("UNCOVERED " + k + " -- " + v));
        falseHighs.forEach((k, v) -> System.out.println("FALSE-HIGH " + k + " -- " + v));

        assertThat(all.positivesParsed).as("Panther positives that parse").isGreaterThan(250);
        assertThat(uncovered).as("positives with no alert at medium+ that exclusions.txt does not list").isEmpty();
        assertThat(parsedPositives).as("exclusions.txt lists only positives that parse").containsAll(exclusions.keySet());
        assertThat(staleExclusions).as("excluded positives that now raise a medium alert: drop them from exclusions.txt")
                .isEmpty();
        assertThat((double) all.positivesCovered / all.positivesParsed).as("share of positives covered at medium+")
                .isGreaterThanOrEqualTo(MIN_POSITIVES_COVERED);
        assertThat((double) all.negativesHigh / all.negativesParsed).as("share of negatives at high+: %s", falseHighs)
                .isLessThanOrEqualTo(MAX_NEGATIVES_HIGH);
    }

    /** Every record of the copied files, keyed {@code rule_id :: test_name}. */
    static List<Sample> samples() {
        List<Sample> out = new ArrayList<>();
        for (String logType : LOG_TYPES.keySet()) {
            for (String line : resource(logType + ".jsonl").split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode test = Json.MAPPER.readTree(line);
                    out.add(new Sample(logType, test.path("rule_id").asText() + " :: " + test.path("test_name").asText(),
                            test.path("expected_result").asBoolean(), test.path("log")));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return out;
    }

    /** {@code exclusions.txt}: one {@code rule_id :: test_name | reason} a line, # comments. */
    static Map<String, String> exclusions() {
        Map<String, String> out = new TreeMap<>();
        for (String line : resource("exclusions.txt").split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int bar = line.lastIndexOf(" | ");
            assertThat(bar).as("exclusions.txt line without ' | reason': %s", line).isPositive();
            out.put(line.substring(0, bar).trim(), line.substring(bar + 3).trim());
        }
        return out;
    }

    private static String resource(String name) {
        try (InputStream in = PantherCoverageTest.class.getResourceAsStream(DIR + name)) {
            assertThat(in).as("test resource %s%s", DIR, name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Outcome run(Sample s) {
        SourceType source = source(s);
        if (source == null) {
            return new Outcome(false, false, null, List.of());
        }
        GoldenFiles.Collected asIs = ingest(s, source, false);
        GoldenFiles.Collected c = asIs.events.isEmpty() ? ingest(s, source, true) : asIs;
        if (c.events.isEmpty()) {
            return new Outcome(false, false, null, List.of());
        }
        List<Alert> alerts = RunResults.of(RunConfig.of(RULES).withGrouping(AlertGrouping.off()), c.events).alerts();
        Level highest = alerts.stream().map(Alert::level).max(Level::compareTo).orElse(null);
        List<String> names = alerts.stream().map(a -> a.ruleTitle() + " [" + a.level() + "]").distinct()
                .collect(Collectors.toList());
        return new Outcome(!asIs.events.isEmpty(), true, highest, names);
    }

    private static SourceType source(Sample s) {
        SourceType source = LOG_TYPES.get(s.logType());
        if (source == SourceType.AZURE_ACTIVITY && aksEnvelope(s)) {
            // AKS writes its Kubernetes audit events as a JSON string in properties.log of an Azure resource-log
            // record: the ingest opens that envelope and reads the event inside as Kubernetes audit
            return SourceType.K8S_AUDIT;
        }
        if (source == SourceType.AZURE_ACTIVITY && s.log().path("category").asText().toLowerCase().contains("signin")) {
            return SourceType.AZURE_SIGNIN;
        }
        return source;
    }

    private static boolean aksEnvelope(Sample s) {
        return s.log().path("category").asText().startsWith("kube-audit");
    }

    /** The record as its source writes it; {@code withTime} sets a fixed event time where the record has none. */
    private static GoldenFiles.Collected ingest(Sample s, SourceType source, boolean withTime) {
        String text;
        if (source == SourceType.VPC_FLOW) {
            text = flowLine(s.log());
        } else {
            JsonNode log = s.log();
            String timeField = TIME_FIELD.get(source);
            if (withTime && log instanceof ObjectNode obj && !obj.hasNonNull(timeField)) {
                obj = obj.deepCopy();
                obj.put(timeField, "2026-06-30T12:00:00Z");
                log = obj;
            }
            text = log.toString();
        }
        GoldenFiles.Collected c = new GoldenFiles.Collected();
        // an envelope is detected, not forced: the source is the record's inside it
        new Ingestor(aksEnvelope(s) ? IngestOptions.defaults() : IngestOptions.defaults().withForcedSource(source))
                .read(Input.bytes(s.logType() + ".log", text.getBytes(StandardCharsets.UTF_8), GoldenFiles.REFERENCE_TIME), c);
        return c;
    }

    /** Panther's VPC flow fields (its parse of the text line) back as a flow log with a header; time fixed if absent. */
    static String flowLine(JsonNode log) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("version", "5");
        fields.put("srcaddr", log.path("srcAddr").asText("-"));
        fields.put("dstaddr", log.path("dstAddr").asText("-"));
        fields.put("srcport", log.path("srcPort").asText("-"));
        fields.put("dstport", log.path("dstPort").asText("-"));
        fields.put("protocol", log.path("protocol").asText("-"));
        fields.put("action", log.path("action").asText("-"));
        fields.put("vpc-id", log.path("vpcId").asText("-"));
        fields.put("subnet-id", log.path("subNetId").asText("-"));
        fields.put("region", log.path("region").asText("-"));
        fields.put("flow-direction", log.path("flowDirection").asText("-"));
        fields.put("start", log.path("start").asText(String.valueOf(GoldenFiles.REFERENCE_TIME.getEpochSecond())));
        fields.replaceAll((k, v) -> v.isEmpty() || v.equals("null") ? "-" : v);
        return String.join(" ", fields.keySet()) + "\n" + String.join(" ", fields.values()) + "\n";
    }
}
