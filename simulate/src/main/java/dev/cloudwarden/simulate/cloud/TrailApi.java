package dev.cloudwarden.simulate.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.simulate.cloud.CloudState.TrailEvent;

import java.io.IOException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * CloudTrail's LookupEvents over JSON 1.1: at most one lookup attribute (as CloudTrail allows), a time range, newest
 * first, 50 a page with a NextToken. Times are epoch seconds, as the protocol writes timestamps.
 */
final class TrailApi {
    private static final int PAGE = 50;
    private final CloudState s;

    TrailApi(CloudState state) {
        this.s = state;
    }

    String handle(String operation, byte[] body) {
        if (!operation.equals("LookupEvents")) {
            throw AwsFault.invalid("UnknownOperationException", "Unknown operation " + operation);
        }
        JsonNode in;
        try {
            in = Json.MAPPER.readTree(body.length == 0 ? "{}".getBytes() : body);
        } catch (IOException e) {
            throw AwsFault.invalid("SerializationException", "malformed JSON: " + e.getMessage());
        }
        JsonNode attributes = in.path("LookupAttributes");
        if (attributes.size() > 1) {
            throw AwsFault.invalid("InvalidLookupAttributesException", "You cannot specify more than one lookup attribute.");
        }
        Predicate<TrailEvent> attribute = attributes.isEmpty() ? e -> true
                : matcher(attributes.get(0).path("AttributeKey").asText(), attributes.get(0).path("AttributeValue").asText());
        Instant from = in.has("StartTime") ? time(in.get("StartTime")) : Instant.EPOCH;
        Instant to = in.has("EndTime") ? time(in.get("EndTime")) : Instant.MAX;
        int max = Math.min(PAGE, in.path("MaxResults").asInt(PAGE));
        int offset = in.path("NextToken").asInt(0);
        List<TrailEvent> found = s.trail.stream().filter(attribute)
                .filter(e -> !e.time().isBefore(from) && !e.time().isAfter(to))
                .sorted(Comparator.comparing(TrailEvent::time).reversed()).toList();
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode events = out.putArray("Events");
        for (TrailEvent e : found.subList(Math.min(offset, found.size()), Math.min(offset + max, found.size()))) {
            ObjectNode o = events.addObject();
            o.put("EventId", e.id()).put("EventName", e.eventName()).put("ReadOnly", "false")
                    .put("EventTime", e.time().toEpochMilli() / 1000.0).put("EventSource", e.eventSource())
                    .put("Username", e.username());
            ArrayNode resources = o.putArray("Resources");
            e.resourceNames().forEach(r -> resources.addObject().put("ResourceName", r));
            o.put("CloudTrailEvent", e.record());
        }
        if (offset + max < found.size()) {
            out.put("NextToken", String.valueOf(offset + max));
        }
        return out.toString();
    }

    private static Predicate<TrailEvent> matcher(String key, String value) {
        return switch (key) {
            case "EventName" -> e -> e.eventName().equals(value);
            case "EventSource" -> e -> e.eventSource().equals(value);
            case "Username" -> e -> value.equals(e.username());
            case "ResourceName" -> e -> e.resourceNames().contains(value);
            case "EventId" -> e -> e.id().equals(value);
            default -> throw AwsFault.invalid("InvalidLookupAttributesException", "unsupported lookup attribute " + key);
        };
    }

    private static Instant time(JsonNode n) {
        if (n.isNumber()) {
            return Instant.ofEpochMilli(Math.round(n.asDouble() * 1000));
        }
        return Instant.parse(n.asText());
    }
}
