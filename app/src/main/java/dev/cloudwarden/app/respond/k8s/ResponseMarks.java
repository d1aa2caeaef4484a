package dev.cloudwarden.app.respond.k8s;

import dev.cloudwarden.engine.event.Digests;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * How CloudWarden marks what a response changed in a cluster, so a rerun finds what it did and an undo removes only
 * its own: a label and taint keyed {@value #QUARANTINE} whose value names the response, and annotations with the full
 * response and incident ids for a person reading the object.
 */
final class ResponseMarks {
    /** Label and taint key of what a response quarantined (a node, a pod) and of the policies it created. */
    static final String QUARANTINE = "cloudwarden.dev/quarantine";
    static final String RESPONSE_ANNOTATION = "cloudwarden.dev/response";
    static final String INCIDENT_ANNOTATION = "cloudwarden.dev/incident";
    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String MANAGER = "cloudwarden";

    /** A value usable both as a label value and inside an object name: lower-case RFC 1123 label, at most 40. */
    private static final Pattern PLAIN = Pattern.compile("[a-z0-9]([-a-z0-9]{0,38}[a-z0-9])?");

    private ResponseMarks() {
    }

    /**
     * The response id as a label value: itself when it already is a short lower-case DNS label, else {@code r} and
     * 24 hex digits of its SHA-256 (a label value is at most 63 characters of a narrow alphabet; ids are not).
     */
    static String label(String responseId) {
        if (PLAIN.matcher(responseId).matches()) {
            return responseId;
        }
        byte[] d = Digests.sha256(responseId.getBytes(StandardCharsets.UTF_8));
        return "r" + HexFormat.of().formatHex(d, 0, 12);
    }
}
