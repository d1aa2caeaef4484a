package dev.cloudwarden.app.live.s3;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * What an SQS message body announces, in each shape AWS delivers new CloudTrail files in:
 * <ul>
 * <li>an S3 event notification, {@code {"Records":[{"eventSource":"aws:s3","eventName":"ObjectCreated:Put",
 *     "s3":{"bucket":{"name":..},"object":{"key":..}}}]}}: keys are URL-encoded as in a form ({@code +} is a space);
 * <li>an {@code s3:TestEvent}, sent when a bucket's notifications are set up: ignored;
 * <li>CloudTrail's own notification of a trail with an SNS topic, {@code {"s3Bucket":..,"s3ObjectKey":[..]}}: keys
 *     as they are;
 * <li>an EventBridge event from S3, {@code "source":"aws.s3"}, {@code "detail-type":"Object Created"}, with
 *     {@code detail.bucket.name} and {@code detail.object.key}: keys as they are;
 * <li>any of these as the {@code Message} string of an SNS notification (S3 or CloudTrail to SNS to SQS without raw
 *     delivery); other SNS messages (subscription confirmations) are ignored.
 * </ul>
 * Object events other than creations (removals, restores, tagging) are ignored. Anything else is {@link
 * Notice.Malformed}; a record that cannot be understood does not stop the other records of its message.
 */
final class S3Notifications {
    private static final ObjectMapper JSON = new ObjectMapper();

    private S3Notifications() {
    }

    static List<Notice> parse(String body) {
        JsonNode root = json(body);
        if (root == null || !root.isObject()) {
            return List.of(new Notice.Malformed("not a JSON object"));
        }
        if (root.path("Type").isTextual() && root.has("TopicArn")) {
            return sns(root);
        }
        return unwrapped(root);
    }

    private static JsonNode json(String text) {
        try {
            return text == null ? null : JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static List<Notice> sns(JsonNode envelope) {
        String type = envelope.path("Type").asText();
        if (!type.equals("Notification")) {
            return List.of(new Notice.Ignored(null, "SNS " + type + " message from "
                    + envelope.path("TopicArn").asText() + ": nothing to read"));
        }
        JsonNode message = json(envelope.path("Message").asText(null));
        if (message == null || !message.isObject()) {
            return List.of(new Notice.Malformed("the SNS notification's Message is not a JSON object"));
        }
        return unwrapped(message);
    }

    private static List<Notice> unwrapped(JsonNode n) {
        if (n.has("Records")) {
            return s3Event(n.get("Records"));
        }
        if (n.has("s3Bucket")) {
            return cloudTrail(n);
        }
        if (n.path("source").asText().equals("aws.s3") && n.has("detail-type")) {
            return eventBridge(n);
        }
        if (n.path("Event").asText().equals("s3:TestEvent")) {
            return List.of(new Notice.Ignored(null, "s3:TestEvent for bucket " + n.path("Bucket").asText()
                    + " (sent when notifications are set up)"));
        }
        return List.of(new Notice.Malformed("not an S3, SNS, CloudTrail or EventBridge notification (fields: "
                + fields(n) + ")"));
    }

    private static List<Notice> s3Event(JsonNode records) {
        if (!records.isArray()) {
            return List.of(new Notice.Malformed("Records is not an array"));
        }
        List<Notice> out = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            out.add(s3Record(i, records.get(i)));
        }
        return out;
    }

    private static Notice s3Record(int index, JsonNode r) {
        String where = "record " + index + ": ";
        if (!r.path("eventSource").asText().equals("aws:s3")) {
            return new Notice.Malformed(where + "eventSource '" + r.path("eventSource").asText() + "' is not aws:s3");
        }
        JsonNode bucket = r.path("s3").path("bucket").path("name");
        JsonNode key = r.path("s3").path("object").path("key");
        if (!bucket.isTextual() || !key.isTextual()) {
            return new Notice.Malformed(where + "no s3.bucket.name or s3.object.key");
        }
        String decoded;
        try {
            decoded = URLDecoder.decode(key.asText(), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return new Notice.Malformed(where + "key '" + key.asText() + "' is not URL-encoded: " + e.getMessage());
        }
        String event = r.path("eventName").asText();
        if (!event.startsWith("ObjectCreated:")) {
            return new Notice.Ignored(S3ObjectReader.name(bucket.asText(), decoded), event + ": not a new object");
        }
        return new Notice.Created(bucket.asText(), decoded);
    }

    private static List<Notice> cloudTrail(JsonNode n) {
        JsonNode bucket = n.get("s3Bucket");
        JsonNode keys = n.path("s3ObjectKey");
        if (!bucket.isTextual() || !(keys.isArray() || keys.isTextual())) {
            return List.of(new Notice.Malformed("CloudTrail notification without a text s3Bucket and s3ObjectKey"));
        }
        List<Notice> out = new ArrayList<>();
        for (JsonNode key : keys.isArray() ? keys : List.of(keys)) {
            out.add(key.isTextual() ? new Notice.Created(bucket.asText(), key.asText())
                    : new Notice.Malformed("CloudTrail notification: s3ObjectKey holds " + key.getNodeType()));
        }
        return out;
    }

    private static List<Notice> eventBridge(JsonNode n) {
        String type = n.path("detail-type").asText();
        JsonNode bucket = n.path("detail").path("bucket").path("name");
        JsonNode key = n.path("detail").path("object").path("key");
        if (!bucket.isTextual() || !key.isTextual()) {
            return List.of(new Notice.Malformed("EventBridge '" + type + "' without detail.bucket.name and "
                    + "detail.object.key"));
        }
        if (!type.equals("Object Created")) {
            return List.of(new Notice.Ignored(S3ObjectReader.name(bucket.asText(), key.asText()),
                    "EventBridge '" + type + "': not a new object"));
        }
        return List.of(new Notice.Created(bucket.asText(), key.asText()));
    }

    /** The first field names, to say what the message looked like. */
    private static String fields(JsonNode n) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext() && names.size() < 6; ) {
            names.add(it.next());
        }
        return names.isEmpty() ? "none" : String.join(", ", names) + (n.size() > names.size() ? ", ..." : "");
    }
}
