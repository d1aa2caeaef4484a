package dev.cloudwarden.engine.ingest.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cloudwarden.engine.event.Actor;
import dev.cloudwarden.engine.event.Cloud;
import dev.cloudwarden.engine.event.Endpoint;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.EventBuilder;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.engine.event.Origin;
import dev.cloudwarden.engine.event.Outcome;
import dev.cloudwarden.engine.event.RawRecord;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.event.Traffic;
import dev.cloudwarden.engine.ingest.net.Addresses;
import dev.cloudwarden.engine.ingest.parse.LineParser;
import dev.cloudwarden.engine.ingest.parse.RecordRejectedException;

import java.time.Instant;
import java.util.List;

/**
 * One access log's lines, each read as ALB or Common/Combined by its first field (a file is one or the
 * other, but deciding per line costs nothing). The raw record holds Sigma's webserver field names, so
 * rules written for {@code category: webserver} apply to both.
 */
final class WebParser implements LineParser {
    @Override
    public Event parse(String line, Origin origin) throws RecordRejectedException {
        List<Tokens.Token> tokens = Tokens.split(line);
        ObjectNode raw = Json.NODES.objectNode();
        boolean alb = !tokens.isEmpty() && AlbLogLine.TYPES.contains(tokens.get(0).text());
        Instant time = alb ? AlbLogLine.read(tokens, raw) : CommonLogLine.read(tokens, raw);

        EventBuilder b = Event.builder(SourceType.WEB_ACCESS, time, RawRecord.ofLine(line, raw)).origin(origin);
        String client = text(raw, "c-ip");
        Integer clientPort = raw.has("c-port") ? raw.get("c-port").asInt() : null;
        // With HostnameLookups on, Apache logs the client's name instead of its address.
        b.src(client == null || Addresses.looksLikeIp(client) ? Endpoint.of(client, clientPort)
                : new Endpoint(null, clientPort, client));
        String target = text(raw, "target_ip");
        Integer targetPort = raw.has("target_port") ? raw.get("target_port").asInt() : null;
        Endpoint dst = new Endpoint(target, targetPort, text(raw, "cs-host"));
        b.dst(dst.isEmpty() ? Endpoint.NONE : dst);
        b.operation("http", text(raw, "cs-method"));
        b.outcome(outcome(raw.get("sc-status")));
        Long sent = raw.has("sc-bytes") ? raw.get("sc-bytes").asLong() : null;
        Long received = raw.has("cs-bytes") ? raw.get("cs-bytes").asLong() : null;
        if (sent != null || received != null) {
            // Traffic is counted from the source endpoint's side, the client: what the server sent
            // (sc-bytes) is what the client took in, and the request it sent (ALB's cs-bytes) went out.
            // An exfiltration through a web shell thus shows as a large bytes_in of the attacker's address.
            b.traffic(new Traffic(sent, received, null, null));
        }
        b.userAgent(text(raw, "cs-user-agent"));
        String user = text(raw, "cs-username");
        if (user != null) {
            b.actor(Actor.named(user, null));
        }
        if (alb) {
            albContext(raw, b);
        }
        return b.build();
    }

    private static Outcome outcome(JsonNode status) {
        if (status == null || status.asInt() < 100) {
            return Outcome.UNKNOWN; // ALB logs '-' (and 000) when the client went away before a response
        }
        int code = status.asInt();
        return code < 400 ? Outcome.SUCCESS : Outcome.failure(String.valueOf(code), null);
    }

    /** Account and region come from the target group's ARN, the only ARN every ALB line carries. */
    private static void albContext(ObjectNode raw, EventBuilder b) {
        String arn = text(raw, "target_group_arn");
        String[] parts = arn == null ? new String[0] : arn.split(":", 6);
        if (parts.length == 6) {
            b.cloud(new Cloud("aws", parts[4], parts[3]));
        } else {
            b.cloud(new Cloud("aws", null, null));
        }
        b.resource("AWS::ElasticLoadBalancingV2::LoadBalancer", text(raw, "elb"));
        b.resource("AWS::ElasticLoadBalancingV2::TargetGroup", arn);
    }

    private static String text(ObjectNode raw, String name) {
        JsonNode v = raw.get(name);
        return v == null ? null : v.asText();
    }
}
