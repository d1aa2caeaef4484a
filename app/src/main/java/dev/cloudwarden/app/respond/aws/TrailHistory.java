package dev.cloudwarden.app.respond.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.app.respond.action.ActionContext;
import dev.cloudwarden.app.respond.action.ActionException;
import dev.cloudwarden.app.respond.action.ApiCall;
import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.engine.incident.Incident;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CloudTrail records: those behind an incident (the original record each event keeps) and those in CloudTrail's
 * event history before it — the only place the configuration before an attack is written down when the service keeps
 * no history of its own (a bucket's policy, a DNS record). Event history reaches back 90 days.
 */
final class TrailHistory {
    /** One record and when it happened. */
    record TrailRecord(Instant time, String eventId, JsonNode record) {
        JsonNode requestParameters() {
            return record.path("requestParameters");
        }
    }

    private TrailHistory() {
    }

    /** The incident's own CloudTrail records named {@code eventName}, oldest first, each once. */
    static List<TrailRecord> ofIncident(Incident incident, String eventName) {
        Map<String, TrailRecord> byId = new LinkedHashMap<>();
        for (Alert a : incident.alerts()) {
            for (Event e : a.events()) {
                if (e.raw() == null || !e.raw().isJson()) {
                    continue;
                }
                JsonNode r = e.raw().tree();
                if (eventName.equals(r.path("eventName").asText())) {
                    String id = r.path("eventID").asText(e.uid() == null ? String.valueOf(byId.size()) : e.uid());
                    byId.putIfAbsent(id, new TrailRecord(e.time(), id, r));
                }
            }
        }
        List<TrailRecord> out = new ArrayList<>(byId.values());
        out.sort(Comparator.comparing(TrailRecord::time));
        return out;
    }

    /**
     * Every {@code eventName} record in the event history strictly before {@code before}, newest first, all pages.
     * LookupEvents takes a single lookup attribute, so callers filter the rest (bucket, zone) themselves.
     */
    static List<TrailRecord> before(ActionContext context, CloudTrailClient trail, String eventName, Instant before)
            throws ActionException {
        List<TrailRecord> out = new ArrayList<>();
        String token = null;
        do {
            String page = token;
            LookupEventsResponse r = AwsCall.run(context, ApiCall.of("cloudtrail", "LookupEvents",
                            "LookupAttributes", Map.of("EventName", eventName), "EndTime", before.toString(),
                            "NextToken", page == null ? "" : page),
                    () -> trail.lookupEvents(b -> b.lookupAttributes(a -> a.attributeKey(LookupAttributeKey.EVENT_NAME)
                            .attributeValue(eventName)).endTime(before).nextToken(page)),
                    x -> x.events().size() + " events");
            for (var e : r.events()) {
                if (e.eventTime().isBefore(before) && e.cloudTrailEvent() != null) {
                    out.add(new TrailRecord(e.eventTime(), e.eventId(), parse(e.cloudTrailEvent())));
                }
            }
            token = r.nextToken();
        } while (token != null && !token.isEmpty());
        out.sort(Comparator.comparing(TrailRecord::time).reversed());
        return out;
    }

    private static JsonNode parse(String json) throws ActionException {
        try {
            return Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ActionException("CloudTrail returned an event that is not JSON: " + e.getOriginalMessage());
        }
    }
}
