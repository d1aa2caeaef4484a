package dev.cloudwarden.engine.ingest.s3access;

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
import dev.cloudwarden.engine.ingest.parse.LineParser;
import dev.cloudwarden.engine.ingest.parse.RecordRejectedException;
import dev.cloudwarden.engine.ingest.web.Tokens;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One S3 server access log's lines, as API Activity: the requester acts on the bucket and object with an S3 operation
 * ({@code REST.GET.OBJECT}, service {@code s3.amazonaws.com}); the outcome is the HTTP status's, with S3's error code.
 * An unauthenticated request ({@code -} as requester) has the actor {@code anonymous}, type {@code Anonymous}.
 */
final class S3AccessParser implements LineParser {
    static final String SERVICE = "s3.amazonaws.com";
    /** The region in a regional endpoint: {@code bucket.s3.us-west-1.amazonaws.com}, {@code s3.dualstack.eu-west-1...}. */
    private static final Pattern REGIONAL_HOST = Pattern.compile(
            "(?:^|\\.)s3[.-](?:dualstack\\.)?([a-z]{2}(?:-gov)?-[a-z]+-\\d)\\.amazonaws\\.com(?:\\.cn)?$");

    @Override
    public Event parse(String line, Origin origin) throws RecordRejectedException {
        ObjectNode raw = Json.NODES.objectNode();
        Instant time = S3AccessLine.read(Tokens.split(line), raw);

        EventBuilder b = Event.builder(SourceType.S3_ACCESS, time, RawRecord.ofLine(line, raw)).origin(origin);
        b.uid(text(raw, "request_id"));
        b.actor(actor(text(raw, "requester")));
        b.src(Endpoint.ip(text(raw, "remote_ip")));
        String host = text(raw, "host_header");
        String bucket = text(raw, "bucket");
        b.dst(host != null || bucket != null ? new Endpoint(null, null, host != null ? host : bucket) : Endpoint.NONE);
        b.operation(SERVICE, text(raw, "operation"));
        b.outcome(outcome(raw));
        if (raw.has("bytes_sent")) {
            // counted from the requester's side, as for web logs: what S3 sent is what the requester took in
            b.traffic(new Traffic(raw.get("bytes_sent").asLong(), null, null, null));
        }
        b.userAgent(text(raw, "user_agent"));
        b.cloud(cloud(raw, host));
        if (bucket != null) {
            // named as the CloudTrail parser names them (bucket, bucket/key), so incidents join the two logs on a bucket
            b.resource("AWS::S3::Bucket", bucket);
            String key = text(raw, "key");
            if (key != null) {
                b.resource("AWS::S3::Object", bucket + "/" + key);
            }
        }
        return b.build();
    }

    /** An IAM ARN, a canonical user id, or {@code -} for an anonymous request. */
    private static Actor actor(String requester) {
        if (requester == null) {
            return Actor.named("anonymous", "Anonymous");
        }
        if (!requester.startsWith("arn:")) {
            return Actor.named(requester, "CanonicalUser");
        }
        String type = requester.contains(":assumed-role/") ? "AssumedRole" : requester.contains(":user/") ? "IAMUser"
                : requester.endsWith(":root") ? "Root" : null;
        return Actor.named(requester, type);
    }

    private static Outcome outcome(ObjectNode raw) {
        JsonNode status = raw.get("http_status");
        if (status == null) {
            return Outcome.UNKNOWN;
        }
        int code = status.asInt();
        String error = text(raw, "error_code");
        return code < 400 ? Outcome.SUCCESS : Outcome.failure(error != null ? error : String.valueOf(code), null);
    }

    /** The account and region of an access point's ARN, else the region of a regional endpoint. */
    private static Cloud cloud(ObjectNode raw, String host) {
        String[] ap = arnParts(text(raw, "access_point_arn"));
        if (ap != null) {
            return new Cloud("aws", ap[4].isEmpty() ? null : ap[4], ap[3].isEmpty() ? null : ap[3]);
        }
        String region = null; // not source_region: that is where the request came from, not where the bucket is
        if (host != null) {
            Matcher m = REGIONAL_HOST.matcher(host);
            if (m.find()) {
                region = m.group(1);
            }
        }
        return new Cloud("aws", null, region);
    }

    private static String[] arnParts(String arn) {
        String[] parts = arn == null ? null : arn.split(":", 6);
        return parts != null && parts.length == 6 && parts[0].equals("arn") ? parts : null;
    }

    private static String text(ObjectNode raw, String name) {
        JsonNode v = raw.get(name);
        return v == null ? null : v.asText();
    }
}
