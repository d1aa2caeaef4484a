package dev.cloudwarden.bench;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.alert.AlertIds;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.TimeBasis;
import dev.cloudwarden.engine.ingest.IngestOptions;
import dev.cloudwarden.engine.ingest.read.Input;
import dev.cloudwarden.engine.incident.Classification;
import dev.cloudwarden.engine.sigma.eval.SigmaConfig;
import dev.cloudwarden.engine.sigma.load.LoadedRule;
import dev.cloudwarden.engine.sigma.load.RuleFiles;
import dev.cloudwarden.engine.sigma.load.RuleSet;
import dev.cloudwarden.engine.sigma.load.RuleTuning;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * Generated alerts of the shape a busy account stores (issue 10's store bench), the same for a seed: the rule
 * pack's rules with ATT&CK tags (skewed: a few noisy rules fire most), about 500 IAM principals (skewed: service
 * users dominate, most people fire rarely), each alert's event a CloudTrail record of its principal parsed by the
 * engine, and alert times rising through 90 days (a store receives alerts roughly in time order).
 */
final class StoreAlerts {
    static final int PRINCIPALS = 500;
    static final Duration SPAN = Duration.ofDays(90);
    static final Instant END = Instant.parse("2026-11-01T00:00:00Z");
    private static final int EVENTS_PER_PRINCIPAL = 8;
    private static final String[][] CALLS = {{"iam", "CreateAccessKey"}, {"iam", "AttachUserPolicy"},
            {"s3", "GetObject"}, {"ec2", "RunInstances"}, {"sts", "AssumeRole"}, {"cloudtrail", "StopLogging"},
            {"ec2", "AuthorizeSecurityGroupIngress"}, {"kms", "ScheduleKeyDeletion"}, {"guardduty", "DeleteDetector"},
            {"secretsmanager", "GetSecretValue"}};

    private final List<LoadedRule> rules;
    private final List<List<Event>> eventsByPrincipal;
    private final Skewed principalPick;
    private final Skewed rulePick;

    private StoreAlerts(List<LoadedRule> rules, List<List<Event>> eventsByPrincipal) {
        this.rules = rules;
        this.eventsByPrincipal = eventsByPrincipal;
        this.principalPick = new Skewed(PRINCIPALS, 1.0);
        this.rulePick = new Skewed(rules.size(), 0.8);
    }

    /** The rule pack's rules with technique tags, and each principal's CloudTrail events (written under {@code dir}). */
    static StoreAlerts prepare(Path dir) throws IOException {
        RuleSet set = RuleSet.compile(RuleFiles.builtIn(), SigmaConfig.defaults(), RuleTuning.builtIn());
        List<LoadedRule> rules = set.rules().stream()
                .filter(r -> !Classification.techniques(r.rule().tags()).isEmpty()).toList();
        Path file = dir.resolve("store-bench-cloudtrail.jsonl");
        Random random = new Random(7);
        long[] line = {0};
        BenchInputs.writeLines(file, (long) PRINCIPALS * EVENTS_PER_PRINCIPAL, () -> record(line[0]++, random));
        List<List<Event>> byPrincipal = new ArrayList<>();
        for (int p = 0; p < PRINCIPALS; p++) {
            byPrincipal.add(new ArrayList<>());
        }
        long[] n = {0};
        BenchInputs.read(Input.expand(List.of(file.toString()), () -> System.in, Instant.now()), IngestOptions.defaults(),
                e -> byPrincipal.get((int) (n[0]++ / EVENTS_PER_PRINCIPAL)).add(e));
        return new StoreAlerts(rules, byPrincipal);
    }

    /** The principal's user name. */
    static String principal(int p) {
        return p < 20 ? String.format(Locale.ROOT, "svc-pipeline-%02d", p) : String.format(Locale.ROOT, "user%03d", p);
    }

    /** The principal's account. */
    private static String account(int p) {
        return "1234567890" + String.format(Locale.ROOT, "%02d", p % 7);
    }

    /** The principal's ARN: what the entity filter finds it by (the engine's principal entity of an IAM user). */
    static String principalArn(int p) {
        return "arn:aws:iam::" + account(p) + ":user/" + principal(p);
    }

    int rules() {
        return rules.size();
    }

    /** One CloudTrail record: line {@code i} belongs to principal {@code i / EVENTS_PER_PRINCIPAL}. */
    private static String record(long i, Random random) {
        int p = (int) (i / EVENTS_PER_PRINCIPAL);
        String[] call = CALLS[random.nextInt(CALLS.length)];
        String account = account(p);
        String ip = p % 5 == 0 ? "203.0.113." + (p % 250 + 1) : "198.51.100." + (random.nextInt(250) + 1);
        return String.format(Locale.ROOT, "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"IAMUser\","
                        + "\"principalId\":\"AIDA%016d\",\"arn\":\"%s\",\"accountId\":\"%s\","
                        + "\"accessKeyId\":\"AKIA%016d\",\"userName\":\"%s\"},\"eventTime\":\"%s\","
                        + "\"eventSource\":\"%s.amazonaws.com\",\"eventName\":\"%s\",\"awsRegion\":\"us-east-1\","
                        + "\"sourceIPAddress\":\"%s\",\"userAgent\":\"aws-cli/2.15.30 Python/3.11.8 Linux/6.5.0 exe/x86_64.ubuntu.22\","
                        + "\"requestParameters\":{\"userName\":\"%s\"},\"responseElements\":null,"
                        + "\"requestID\":\"%08x-0000-4000-8000-%012x\",\"eventID\":\"%08x-1111-4000-8000-%012x\","
                        + "\"readOnly\":false,\"eventType\":\"AwsApiCall\",\"managementEvent\":true,"
                        + "\"recipientAccountId\":\"%s\",\"eventCategory\":\"Management\"}",
                p, principalArn(p), account, p, principal(p), END.minus(SPAN).plusSeconds(i * 60), call[0], call[1],
                ip, principal(p), i, i, i, i, account);
    }

    /**
     * {@code n} alerts over the {@code span} from {@code END - SPAN}, alert {@code i} of the seed's sequence at
     * {@code i}; ids derive from the rule and index.
     */
    Iterator<Alert> alerts(long n, long seed, Duration span) {
        Random random = new Random(seed);
        long stepMicros = span.toNanos() / 1000 / Math.max(1, n);
        Instant start = END.minus(SPAN);
        return new Iterator<>() {
            private long i;

            @Override
            public boolean hasNext() {
                return i < n;
            }

            @Override
            public Alert next() {
                if (i >= n) {
                    throw new NoSuchElementException();
                }
                LoadedRule rule = rules.get(rulePick.next(random));
                List<Event> events = eventsByPrincipal.get(principalPick.next(random));
                Instant time = start.plus(Duration.ofNanos((i * stepMicros + random.nextLong(stepMicros + 1)) * 1000));
                Event event = events.get(random.nextInt(events.size())).withTime(time, TimeBasis.RECORD);
                String id = AlertIds.of(rule.key() + "\n" + i, List.of(event.raw()));
                i++;
                return new Alert(id, rule.key(), rule.rule().title(), rule.rule().level(), time, rule.rule().tags(),
                        List.of(event));
            }
        };
    }

    /** Picks 0..n-1 with probability proportional to 1 / (rank + 1)^s: a Zipf-like skew. */
    static final class Skewed {
        private final double[] cumulative;

        Skewed(int n, double s) {
            cumulative = new double[n];
            double sum = 0;
            for (int k = 0; k < n; k++) {
                sum += 1 / Math.pow(k + 1, s);
                cumulative[k] = sum;
            }
            for (int k = 0; k < n; k++) {
                cumulative[k] /= sum;
            }
        }

        int next(Random random) {
            int k = java.util.Arrays.binarySearch(cumulative, random.nextDouble());
            return Math.min(cumulative.length - 1, k >= 0 ? k : -k - 1);
        }
    }
}
