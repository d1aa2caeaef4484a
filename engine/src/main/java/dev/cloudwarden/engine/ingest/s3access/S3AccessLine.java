package dev.cloudwarden.engine.ingest.s3access;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cloudwarden.engine.ingest.parse.RecordRejectedException;
import dev.cloudwarden.engine.ingest.web.AccessLogTime;
import dev.cloudwarden.engine.ingest.web.Tokens.Token;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The fields of one S3 server access log record, in the order AWS documents them, under snake_case names (Elastic's
 * {@code aws.s3access.*} names without the prefix): {@code bucket_owner bucket time remote_ip requester request_id
 * operation key request_uri http_status error_code bytes_sent object_size total_time turn_around_time referrer
 * user_agent version_id host_id signature_version cipher_suite authentication_type host_header tls_version
 * access_point_arn acl_required source_region}. Fields logged as {@code -} are left out, so rules see them as absent;
 * counts and times are numbers. Older logs stop after {@code user_agent} or a later field; AWS appends new fields at
 * the end, so fields past the known ones are ignored (they stay in the line).
 */
final class S3AccessLine {
    static final List<String> FIELDS = List.of("bucket_owner", "bucket", "time", "remote_ip", "requester",
            "request_id", "operation", "key", "request_uri", "http_status", "error_code", "bytes_sent", "object_size",
            "total_time", "turn_around_time", "referrer", "user_agent", "version_id", "host_id", "signature_version",
            "cipher_suite", "authentication_type", "host_header", "tls_version", "access_point_arn", "acl_required",
            "source_region");
    /** Every log since S3 logging began has the fields up to {@code user_agent}. */
    static final int MIN_FIELDS = FIELDS.indexOf("user_agent") + 1;
    private static final Set<String> NUMERIC = Set.of("http_status", "bytes_sent", "object_size", "total_time",
            "turn_around_time");
    private static final Set<String> QUOTED = Set.of("request_uri", "referrer", "user_agent");
    /** {@code REST.GET.OBJECT}, {@code WEBSITE.HEAD.OBJECT}, {@code BATCH.DELETE.OBJECT}, {@code S3.EXPIRE.OBJECT}, {@code SOAP.CreateBucket}. */
    private static final Pattern OPERATION = Pattern.compile("[A-Z][A-Z0-9]*\\.[A-Za-z0-9_.]+");

    private S3AccessLine() {
    }

    /** True when the fields look like an S3 access record: owner id, bucket, [time], ..., an operation, a quoted URI. */
    static boolean hasShape(List<Token> t) {
        return t.size() >= MIN_FIELDS && t.get(2).kind() == '[' && OPERATION.matcher(t.get(6).text()).matches()
                && t.get(8).kind() == '"';
    }

    /** Fills {@code raw} with the named fields; returns the request time. */
    static Instant read(List<Token> t, ObjectNode raw) throws RecordRejectedException {
        if (t.size() < MIN_FIELDS) {
            throw new RecordRejectedException("S3 access log line has " + t.size() + " fields, expected at least "
                    + MIN_FIELDS + " (bucket_owner bucket [time] remote_ip requester request_id operation key "
                    + "\"request_uri\" ... \"user_agent\")");
        }
        if (t.get(2).kind() != '[') {
            throw new RecordRejectedException("expected the [time] as the 3rd field, found '" + t.get(2).text() + "'");
        }
        Instant time = AccessLogTime.parse(t.get(2).text());
        if (!t.get(6).isDash() && !OPERATION.matcher(t.get(6).text()).matches()) {
            throw new RecordRejectedException("operation '" + t.get(6).text()
                    + "' (field 7) is not an S3 operation such as REST.GET.OBJECT");
        }
        for (int i = 0; i < FIELDS.size() && i < t.size(); i++) {
            String name = FIELDS.get(i);
            Token v = t.get(i);
            if (QUOTED.contains(name) && v.kind() != '"') {
                throw new RecordRejectedException(name + " (field " + (i + 1) + ") should be quoted, found '"
                        + v.text() + "'");
            }
            if (v.isDash() || v.text().isEmpty()) {
                continue;
            }
            if (name.equals("time")) {
                raw.put(name, v.text().substring(1, v.text().length() - 1));
            } else if (NUMERIC.contains(name)) {
                raw.put(name, number(name, v.text()));
            } else {
                raw.put(name, v.text());
            }
        }
        return time;
    }

    private static long number(String name, String text) throws RecordRejectedException {
        if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new RecordRejectedException(name + " '" + text + "' is not a number or '-'");
        }
        return Long.parseLong(text);
    }
}
