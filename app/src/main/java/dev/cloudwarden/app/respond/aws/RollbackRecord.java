package dev.cloudwarden.app.respond.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.app.respond.action.ActionContext;
import dev.cloudwarden.app.respond.action.ActionException;
import dev.cloudwarden.app.respond.action.ApiCall;
import dev.cloudwarden.app.respond.action.Effect;
import dev.cloudwarden.app.respond.action.StepOutcome;
import dev.cloudwarden.app.respond.action.StepPlan;
import dev.cloudwarden.engine.incident.Entity;
import dev.cloudwarden.engine.incident.EntityType;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.AliasTarget;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code aws.route53.rollback_record}: the record sets the incident changed in a hosted zone put back as they were.
 * Route 53 keeps no history, CloudTrail does: the incident's own ChangeResourceRecordSets records say which sets
 * changed, and the latest earlier change of the same name and type in the zone says what they were. A set the
 * attacker created (the incident's change was a CREATE and history has nothing earlier) is deleted; a set the
 * attacker UPSERTed with no earlier change in history is left, and the step fails, rather than deleting a record
 * that may be older than the 90 days of history. All changes go in one batch, then the step waits for INSYNC.
 */
final class RollbackRecord extends AwsAction {
    static final String NAME = "aws.route53.rollback_record";
    static final String EVENT = "ChangeResourceRecordSets";
    private static final long POLL_MILLIS = 5_000;
    private static final int MAX_POLLS = 120;

    RollbackRecord() {
        super(NAME, "Put DNS records the incident changed back to their values before it, from CloudTrail's history",
                Effect.RECOVERY, EntityType.RESOURCE, Map.of());
    }

    /** A record set by name (lower case, with the final dot) and type. */
    record Key(String name, String type) {
        static Key of(JsonNode set) {
            String name = set.path("name").asText().toLowerCase(Locale.ROOT);
            return new Key(name.endsWith(".") ? name : name + ".", set.path("type").asText());
        }

        @Override
        public String toString() {
            return name + " " + type;
        }
    }

    static String zoneId(Entity target) throws ActionException {
        String v = target.value();
        if (!v.startsWith("AWS::Route53::HostedZone:")) {
            throw new ActionException(NAME + " acts on a hosted zone (AWS::Route53::HostedZone:<id>), not " + v);
        }
        String id = v.substring(v.lastIndexOf(':') + 1);
        return id.substring(id.lastIndexOf('/') + 1);
    }

    private static boolean inZone(JsonNode record, String zone) {
        String z = record.path("requestParameters").path("hostedZoneId").asText();
        return z.substring(z.lastIndexOf('/') + 1).equals(zone);
    }

    /** The sets the incident's own records changed in the zone, with the action each was changed by. */
    private static Map<Key, String> changedByIncident(List<TrailHistory.TrailRecord> records, String zone) {
        Map<Key, String> out = new LinkedHashMap<>();
        for (TrailHistory.TrailRecord r : records) {
            if (inZone(r.record(), zone)) {
                for (JsonNode c : r.requestParameters().path("changeBatch").path("changes")) {
                    out.putIfAbsent(Key.of(c.path("resourceRecordSet")), c.path("action").asText());
                }
            }
        }
        return out;
    }

    /** Hosted zones only, among an incident's resources. */
    @Override
    public boolean accepts(Entity target) {
        return super.accepts(target) && target.value().startsWith("AWS::Route53::HostedZone:");
    }

    @Override
    public StepPlan plan(Entity target, Map<String, String> params, ActionContext context) {
        String zone;
        try {
            zone = zoneId(target);
        } catch (ActionException e) {
            return StepPlan.of().withNote(e.getMessage());
        }
        List<TrailHistory.TrailRecord> incident = TrailHistory.ofIncident(context.incident(), EVENT);
        Map<Key, String> changed = changedByIncident(incident, zone);
        List<ApiCall> calls = new ArrayList<>();
        String before = incident.isEmpty() ? unknown("first change") : incident.get(0).time().toString();
        calls.add(ApiCall.of("cloudtrail", "LookupEvents", "LookupAttributes", Map.of("EventName", EVENT),
                "EndTime", before, "Pages", "all"));
        for (Key k : changed.keySet()) {
            calls.add(ApiCall.of("route53", "ListResourceRecordSets", "HostedZoneId", zone, "StartRecordName", k.name(),
                    "StartRecordType", k.type(), "MaxItems", 1));
        }
        calls.add(ApiCall.of("route53", "ChangeResourceRecordSets", "HostedZoneId", zone, "Changes", changed.keySet().stream()
                .map(k -> (changed.get(k).equals("CREATE") ? "DELETE " : "UPSERT ") + k + " " + unknown("value before " + before))
                .toList()));
        calls.add(ApiCall.of("route53", "GetChange", "Id", unknown("change id"), "Repeat", "until INSYNC"));
        StepPlan plan = new StepPlan(calls, List.of(), List.of());
        return changed.isEmpty() ? plan.withNote("the incident has no ChangeResourceRecordSets in " + zone + ": nothing to roll back")
                : plan;
    }

    @Override
    public StepOutcome execute(Entity target, Map<String, String> params, ActionContext context)
            throws ActionException, InterruptedException {
        requireTarget(target);
        String zone = zoneId(target);
        List<TrailHistory.TrailRecord> incident = TrailHistory.ofIncident(context.incident(), EVENT).stream()
                .filter(r -> inZone(r.record(), zone)).toList();
        Map<Key, String> changed = changedByIncident(incident, zone);
        if (changed.isEmpty()) {
            return new StepOutcome(Map.of("zone", zone, "changed", ""), "the incident changed no record in " + zone);
        }
        AwsClients clients = clients(context);
        Instant first = incident.get(0).time();
        Set<String> incidentIds = incident.stream().map(TrailHistory.TrailRecord::eventId).collect(Collectors.toSet());
        List<TrailHistory.TrailRecord> history = TrailHistory.before(context, clients.cloudTrail(), EVENT, first).stream()
                .filter(r -> inZone(r.record(), zone) && !incidentIds.contains(r.eventId())).toList();
        Route53Client route53 = clients.route53();
        List<Change> changes = new ArrayList<>();
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("zone", zone);
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<Key, String> e : changed.entrySet()) {
            Key key = e.getKey();
            Optional<ResourceRecordSet> current = current(context, route53, zone, key);
            outputs.put("at_response:" + key, current.map(RollbackRecord::values).orElse("absent"));
            Optional<JsonNode> earlier = earlier(history, key);
            if (earlier.isEmpty() && !e.getValue().equals("CREATE")) {
                unknown.add(key.toString());
                continue;
            }
            JsonNode before = earlier.orElse(null);
            boolean existedBefore = before != null && !before.path("action").asText().equals("DELETE");
            if (existedBefore) {
                ResourceRecordSet wanted = recordSet(before.path("resourceRecordSet"), key);
                if (current.isEmpty() || !values(current.get()).equals(values(wanted))
                        || !java.util.Objects.equals(current.get().ttl(), wanted.ttl())) {
                    changes.add(Change.builder().action(ChangeAction.UPSERT).resourceRecordSet(wanted).build());
                }
                outputs.put("restored:" + key, values(wanted));
            } else {
                current.ifPresent(c -> changes.add(Change.builder().action(ChangeAction.DELETE).resourceRecordSet(c).build()));
                outputs.put("restored:" + key, "absent");
            }
        }
        if (!unknown.isEmpty()) {
            throw new ActionException("no earlier change of " + unknown + " in CloudTrail's history before " + first
                    + ": their values before the incident are unknown (older than 90 days); nothing was changed");
        }
        outputs.put("changed", changes.stream().map(c -> c.actionAsString() + " " + c.resourceRecordSet().name() + " "
                + c.resourceRecordSet().typeAsString()).collect(Collectors.joining(",")));
        if (changes.isEmpty()) {
            return new StepOutcome(outputs, "records in " + zone + " already as before the incident");
        }
        String changeId = AwsCall.run(context, ApiCall.of("route53", "ChangeResourceRecordSets", "HostedZoneId", zone,
                                "Changes", List.of(outputs.get("changed").split(","))),
                        () -> route53.changeResourceRecordSets(r -> r.hostedZoneId(zone).changeBatch(b -> b
                                .comment("CloudWarden rollback, incident " + context.incident().id()).changes(changes))),
                        r -> r.changeInfo().id() + " " + r.changeInfo().statusAsString())
                .changeInfo().id();
        String id = changeId.substring(changeId.lastIndexOf('/') + 1);
        outputs.put("change_id", id);
        waitInSync(context, route53, id);
        return new StepOutcome(outputs, changes.size() + " record sets in " + zone + " rolled back: " + outputs.get("changed"));
    }

    private static Optional<ResourceRecordSet> current(ActionContext context, Route53Client route53, String zone, Key key)
            throws ActionException {
        return AwsCall.run(context, ApiCall.of("route53", "ListResourceRecordSets", "HostedZoneId", zone,
                                "StartRecordName", key.name(), "StartRecordType", key.type(), "MaxItems", 1),
                        () -> route53.listResourceRecordSets(r -> r.hostedZoneId(zone).startRecordName(key.name())
                                .startRecordType(key.type()).maxItems("1")),
                        r -> r.resourceRecordSets().size() + " sets")
                .resourceRecordSets().stream()
                .filter(s -> s.name().equalsIgnoreCase(key.name()) && s.typeAsString().equals(key.type())).findFirst();
    }

    /** The latest earlier change of the set: its change object (action and resourceRecordSet). */
    private static Optional<JsonNode> earlier(List<TrailHistory.TrailRecord> history, Key key) {
        for (TrailHistory.TrailRecord r : history) {
            List<JsonNode> mine = new ArrayList<>();
            r.requestParameters().path("changeBatch").path("changes").forEach(c -> {
                if (Key.of(c.path("resourceRecordSet")).equals(key)) {
                    mine.add(c);
                }
            });
            if (!mine.isEmpty()) {
                return Optional.of(mine.get(mine.size() - 1));
            }
        }
        return Optional.empty();
    }

    /**
     * The set as CloudTrail recorded it in a change, which writes the API's fields with a lower-case first letter
     * ({@code tTL}, {@code aliasTarget.dNSName}). An alias set has a target and no TTL or values of its own.
     */
    private static ResourceRecordSet recordSet(JsonNode set, Key key) throws ActionException {
        JsonNode alias = set.path("aliasTarget");
        if (alias.isObject()) {
            String zone = field(alias, "hostedZoneId");
            String dns = field(alias, "dnsName");
            if (zone.isEmpty() || dns.isEmpty()) {
                throw new ActionException(key + " was an alias record before the incident, but CloudTrail's record of it "
                        + "lacks the target's hosted zone or DNS name; nothing was changed");
            }
            return ResourceRecordSet.builder().name(key.name()).type(key.type()).aliasTarget(AliasTarget.builder()
                    .hostedZoneId(zone).dnsName(dns).evaluateTargetHealth(Boolean.parseBoolean(field(alias, "evaluateTargetHealth")))
                    .build()).build();
        }
        List<ResourceRecord> records = new ArrayList<>();
        set.path("resourceRecords").forEach(r -> records.add(ResourceRecord.builder().value(r.path("value").asText()).build()));
        // CloudTrail writes the TTL as "tTL"
        long ttl = set.has("tTL") ? set.path("tTL").asLong() : set.path("ttl").asLong(300);
        return ResourceRecordSet.builder().name(key.name()).type(key.type()).ttl(ttl).resourceRecords(records).build();
    }

    /**
     * A field of CloudTrail's record, its case ignored: CloudTrail lower-cases only the first letter of the API's
     * names ({@code DNSName} is {@code dNSName}), and other writers of the same shape (EventBridge, Lake) differ.
     */
    private static String field(JsonNode object, String name) {
        for (var it = object.fields(); it.hasNext(); ) {
            var e = it.next();
            if (e.getKey().equalsIgnoreCase(name) && e.getValue().isValueNode()) {
                return e.getValue().asText();
            }
        }
        return "";
    }

    /** What the set answers: its values, or for an alias set its target ({@code alias dualstack.my-alb... in Z35...}). */
    private static String values(ResourceRecordSet s) {
        AliasTarget a = s.aliasTarget();
        if (a != null) {
            String dns = a.dnsName().toLowerCase(Locale.ROOT);
            return "alias " + (dns.endsWith(".") ? dns : dns + ".") + " in " + a.hostedZoneId()
                    + (Boolean.TRUE.equals(a.evaluateTargetHealth()) ? " (target health evaluated)" : "");
        }
        return s.resourceRecords().stream().map(ResourceRecord::value).sorted().collect(Collectors.joining(" "));
    }

    private static void waitInSync(ActionContext context, Route53Client route53, String id)
            throws ActionException, InterruptedException {
        for (int poll = 0; poll < MAX_POLLS; poll++) {
            String status = AwsCall.run(context, ApiCall.of("route53", "GetChange", "Id", id),
                    () -> route53.getChange(r -> r.id(id)), r -> r.changeInfo().statusAsString()).changeInfo().statusAsString();
            if (status.equals("INSYNC")) {
                return;
            }
            context.pause(POLL_MILLIS);
        }
        throw new ActionException("change " + id + " not INSYNC after " + MAX_POLLS * POLL_MILLIS / 1000
                + " s; it was accepted and will apply; rerun the step to check");
    }
}
