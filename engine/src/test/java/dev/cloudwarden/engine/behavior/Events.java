package dev.cloudwarden.engine.behavior;

import dev.cloudwarden.engine.detect.RuleMatches;
import dev.cloudwarden.engine.run.AlertGrouping;
import dev.cloudwarden.engine.run.RunConfig;
import dev.cloudwarden.engine.run.RunResults;
import dev.cloudwarden.engine.sigma.eval.SigmaConfig;
import dev.cloudwarden.engine.sigma.load.RuleSet;
import dev.cloudwarden.engine.state.BoundedLateness;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.event.Actor;
import dev.cloudwarden.engine.event.Cloud;
import dev.cloudwarden.engine.event.Endpoint;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.engine.event.Origin;
import dev.cloudwarden.engine.event.Outcome;
import dev.cloudwarden.engine.event.RawRecord;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.event.Traffic;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Normalized events as the parsers make them, for the detectors' tests; each has a distinct original line. */
final class Events {
    static final Instant T0 = Instant.parse("2026-11-20T00:00:00Z");
    private static long serial;

    private Events() {
    }

    static Instant at(Duration d) {
        return T0.plus(d);
    }

    static Instant minutes(double m) {
        return T0.plusMillis(Math.round(m * 60_000));
    }

    /** An accepted VPC flow: {@code bytes} sent from {@code src} to {@code dst}. */
    static Event flow(Instant t, String src, String dst, long bytes) {
        return flow(t, src, dst, bytes, true);
    }

    static Event flow(Instant t, String src, String dst, long bytes, boolean accepted) {
        String line = "2 111122223333 eni-1 " + src + " " + dst + " 40000 5432 6 10 " + bytes + " "
                + t.getEpochSecond() + " " + (t.getEpochSecond() + 60) + (accepted ? " ACCEPT" : " REJECT") + " OK #" + serial++;
        return Event.builder(SourceType.VPC_FLOW, t, RawRecord.ofLine(line, Json.NODES.objectNode()))
                .cloud(new Cloud("aws", "111122223333", null)).src(Endpoint.of(src, 40000)).dst(Endpoint.of(dst, 5432))
                .outcome(accepted ? Outcome.SUCCESS : Outcome.failure("REJECT", null))
                .traffic(new Traffic(null, bytes, null, 10L)).origin(Origin.line("flows.log", serial)).build();
    }

    /** A successful S3 GetObject by {@code arn} that sent {@code bytes}. */
    static Event getObject(Instant t, String arn, long bytes) {
        String line = "{\"eventName\":\"GetObject\",\"arn\":\"" + arn + "\",\"bytes\":" + bytes + ",\"n\":" + serial++ + "}";
        return Event.builder(SourceType.CLOUDTRAIL, t, RawRecord.ofLine(line, Json.NODES.objectNode()))
                .cloud(Cloud.aws("111122223333", "us-east-1")).actor(Actor.named(arn, "IAMUser"))
                .operation("s3.amazonaws.com", "GetObject").outcome(Outcome.SUCCESS)
                .traffic(new Traffic(bytes, 0L, null, null)).origin(Origin.line("trail.jsonl", serial)).build();
    }

    /** A Route 53 Resolver query by {@code host} for {@code name}. */
    static Event dns(Instant t, String host, String name) {
        String line = "{\"query_name\":\"" + name + ".\",\"srcaddr\":\"" + host + "\",\"n\":" + serial++ + "}";
        return Event.builder(SourceType.ROUTE53_RESOLVER, t, RawRecord.ofLine(line, Json.NODES.objectNode()))
                .cloud(Cloud.aws("111122223333", "us-east-1")).src(Endpoint.of(host, 53001))
                .dst(new Endpoint(null, null, name)).operation("route53resolver", "A").outcome(Outcome.SUCCESS)
                .origin(Origin.line("dns.jsonl", serial)).build();
    }

    /** An ALB access-log request for {@code vhost} served by {@code target} with {@code status}. */
    static Event web(Instant t, String target, String vhost, int status) {
        String line = "https " + t + " app/shop " + "198.51.100.7:4000 " + target + ":80 GET https://" + vhost + "/ " + status
                + " #" + serial++;
        return Event.builder(SourceType.WEB_ACCESS, t, RawRecord.ofLine(line, Json.NODES.objectNode()))
                .src(Endpoint.of("198.51.100.7", 4000)).dst(new Endpoint(target, 80, vhost)).operation("http", "GET")
                .outcome(status < 400 ? Outcome.SUCCESS : Outcome.failure(String.valueOf(status), null))
                .origin(Origin.line("alb.log", serial)).build();
    }

    /** Runs {@code events} in the given order through an engine; returns every alert, finish included. */
    static List<Alert> run(BehaviorConfig config, Duration lateness, List<Event> events) {
        return RunResults.of(RunConfig.of(NO_RULES).withBehavior(config).withAllowedLateness(lateness)
                .withGrouping(AlertGrouping.off()), events).alerts();
    }

    static final RuleSet NO_RULES = RuleSet.compile(List.of(), SigmaConfig.defaults());

    /** Drives one engine directly (for its state and counters), with a run's watermark {@code lateness} behind. */
    static final class Driven {
        final BehaviorEngine engine;
        final List<Alert> out = new ArrayList<>();
        private final BoundedLateness lateness;

        Driven(BehaviorConfig config, Duration lateness) {
            this.engine = new BehaviorEngine(config);
            this.lateness = new BoundedLateness(lateness);
        }

        void process(Event e) {
            engine.process(e, new RuleMatches(), out::add);
            engine.advanceWatermark(lateness.observe(e.time().toEpochMilli()), out::add);
        }

        void finish() {
            engine.advanceWatermark(Long.MAX_VALUE, out::add);
        }
    }

    static List<Alert> run(List<Event> events) {
        return run(BehaviorConfig.defaults(), Duration.ofMinutes(15), events);
    }
}
