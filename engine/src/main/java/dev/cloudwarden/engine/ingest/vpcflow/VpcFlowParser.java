package dev.cloudwarden.engine.ingest.vpcflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
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

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One flow log's lines. The field layout is the default v2 one until a header line names another.
 * Fields AWS writes as {@code -} (no data) are left out of the raw record, so rules see them as absent.
 * Counters and ports are kept as numbers so Sigma's numeric comparisons apply.
 */
final class VpcFlowParser implements LineParser {
    private static final Set<String> NUMERIC = Set.of("version", "srcport", "dstport", "protocol", "packets",
            "bytes", "start", "end", "tcp-flags");

    private List<String> fields = VpcFlowFormat.DEFAULT_FIELDS;

    @Override
    public Event parse(String line, Origin origin) throws RecordRejectedException {
        if (VpcFlowFormat.isHeader(line)) {
            fields = List.of(line.trim().split(" +"));
            return null;
        }
        String[] values = line.trim().split(" +");
        if (values.length != fields.size()) {
            throw new RecordRejectedException("expected " + fields.size() + " space-separated fields ("
                    + (fields == VpcFlowFormat.DEFAULT_FIELDS ? "default v2 format" : "per the header") + "), found "
                    + values.length);
        }
        ObjectNode raw = Json.NODES.objectNode();
        for (int i = 0; i < values.length; i++) {
            String name = fields.get(i);
            String value = values[i];
            if (value.equals("-")) {
                continue;
            }
            if (NUMERIC.contains(name)) {
                try {
                    raw.put(name, Long.parseLong(value));
                } catch (NumberFormatException e) {
                    throw new RecordRejectedException(name + " is not a number: '" + value + "'");
                }
            } else {
                raw.put(name, value);
            }
        }
        Instant time = raw.has("start") ? Instant.ofEpochSecond(raw.get("start").asLong())
                : raw.has("end") ? Instant.ofEpochSecond(raw.get("end").asLong()) : null;
        if (time == null) {
            throw new RecordRejectedException("no start or end time in the record");
        }
        EventBuilder b = Event.builder(SourceType.VPC_FLOW, time, RawRecord.ofLine(line, raw)).origin(origin);
        b.cloud(new Cloud("aws", text(raw, "account-id"), text(raw, "region")));
        b.src(endpoint(raw, "srcaddr", "srcport"));
        b.dst(endpoint(raw, "dstaddr", "dstport"));
        String action = text(raw, "action");
        b.operation("vpcflowlogs", action == null ? text(raw, "log-status") : action);
        b.outcome("ACCEPT".equals(action) ? Outcome.SUCCESS
                : "REJECT".equals(action) ? Outcome.failure("REJECT", text(raw, "reject-reason")) : Outcome.UNKNOWN);
        Long bytes = raw.has("bytes") ? raw.get("bytes").asLong() : null;
        Long packets = raw.has("packets") ? raw.get("packets").asLong() : null;
        if (bytes != null || packets != null) {
            // A flow record counts what the source sent to the destination.
            b.traffic(new Traffic(null, bytes, null, packets));
        }
        b.resource("AWS::EC2::NetworkInterface", text(raw, "interface-id"));
        b.resource("AWS::EC2::Instance", text(raw, "instance-id"));
        b.resource("AWS::EC2::VPC", text(raw, "vpc-id"));
        b.resource("AWS::EC2::Subnet", text(raw, "subnet-id"));
        return b.build();
    }

    private static Endpoint endpoint(ObjectNode raw, String addr, String port) {
        return Endpoint.of(text(raw, addr), raw.has(port) ? raw.get(port).asInt() : null);
    }

    private static String text(ObjectNode raw, String name) {
        return raw.has(name) ? raw.get(name).asText() : null;
    }
}
