package dev.cloudwarden.engine.ingest.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cloudwarden.engine.ingest.parse.RecordRejectedException;
import dev.cloudwarden.engine.ingest.time.Timestamps;
import dev.cloudwarden.engine.ingest.web.Tokens.Token;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * AWS Application Load Balancer access logs: space-separated fields in the order AWS documents, some
 * quoted. The fields shared with web servers take Sigma's webserver names ({@code c-ip}, {@code sc-status},
 * {@code cs-user-agent}...), the rest keep AWS's names. AWS appends new fields at the end over time, so
 * fields past the known ones are ignored, and a line needs only the fields up to {@code user_agent}.
 */
final class AlbLogLine {
    static final Set<String> TYPES = Set.of("http", "https", "h2", "grpcs", "ws", "wss");

    /** AWS's field names, in order, from {@code ssl_cipher} on (positions 14 and later). */
    private static final List<String> TRAILING = List.of("ssl_cipher", "ssl_protocol", "target_group_arn",
            "trace_id", "domain_name", "chosen_cert_arn", "matched_rule_priority", "request_creation_time",
            "actions_executed", "redirect_url", "error_reason", "target_port_list", "target_status_code_list",
            "classification", "classification_reason", "conn_trace_id");
    private static final int MIN_FIELDS = 14;

    private AlbLogLine() {
    }

    static boolean hasShape(List<Token> t) {
        return t.size() >= MIN_FIELDS && TYPES.contains(t.get(0).text()) && t.get(2).text().startsWith("app/")
                && t.get(12).kind() == '"';
    }

    static Instant read(List<Token> t, ObjectNode raw) throws RecordRejectedException {
        if (t.size() < MIN_FIELDS) {
            throw new RecordRejectedException("ALB access log line has " + t.size() + " fields, expected at least "
                    + MIN_FIELDS + " (type time elb client:port target:port ... \"request\" \"user_agent\")");
        }
        Instant time;
        try {
            time = Timestamps.parseIso(t.get(1).text());
        } catch (DateTimeException e) {
            throw new RecordRejectedException("time '" + t.get(1).text() + "' is not an ISO 8601 timestamp");
        }
        raw.put("type", t.get(0).text());
        raw.put("date", t.get(1).text());
        raw.put("elb", t.get(2).text());
        hostPort(t.get(3), "client", "c-ip", "c-port", raw);
        hostPort(t.get(4), "target", "target_ip", "target_port", raw);
        decimal(t.get(5), "request_processing_time", raw);
        decimal(t.get(6), "target_processing_time", raw);
        decimal(t.get(7), "response_processing_time", raw);
        integer(t.get(8), "sc-status", raw);
        integer(t.get(9), "target_status_code", raw);
        integer(t.get(10), "cs-bytes", raw);
        integer(t.get(11), "sc-bytes", raw);
        RequestLine.put(t.get(12).text(), raw);
        if (!t.get(13).isDash()) {
            raw.put("cs-user-agent", t.get(13).text());
        }
        for (int i = 0; i < TRAILING.size() && MIN_FIELDS + i < t.size(); i++) {
            Token v = t.get(MIN_FIELDS + i);
            if (!v.isDash() && !v.text().isEmpty()) {
                raw.put(TRAILING.get(i), v.text());
            }
        }
        return time;
    }

    /** {@code 192.0.2.1:2817} or {@code 2001:db8::1:2817}: the port follows the last colon. */
    private static void hostPort(Token t, String label, String ipName, String portName, ObjectNode raw) throws RecordRejectedException {
        if (t.isDash()) {
            return; // no target: the request was answered by the load balancer itself
        }
        int colon = t.text().lastIndexOf(':');
        if (colon <= 0 || !CommonLogLine.isCount(t.text().substring(colon + 1))) {
            throw new RecordRejectedException(label + " '" + t.text()
                    + "' is not address:port");
        }
        raw.put(ipName, t.text().substring(0, colon));
        raw.put(portName, Integer.parseInt(t.text().substring(colon + 1)));
    }

    private static void integer(Token t, String name, ObjectNode raw) throws RecordRejectedException {
        if (t.isDash()) {
            return;
        }
        if (!CommonLogLine.isCount(t.text())) {
            throw new RecordRejectedException(name + " '" + t.text() + "' is not a number");
        }
        raw.put(name, Long.parseLong(t.text()));
    }

    /** Seconds with a fraction; -1 when the load balancer could not dispatch the request. */
    private static void decimal(Token t, String name, ObjectNode raw) throws RecordRejectedException {
        try {
            raw.put(name, new java.math.BigDecimal(t.text()));
        } catch (NumberFormatException e) {
            throw new RecordRejectedException(name + " '" + t.text() + "' is not a number of seconds");
        }
    }
}
