package dev.cloudwarden.engine.ingest.vpcflow;

import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.ingest.parse.LineFormat;
import dev.cloudwarden.engine.ingest.parse.LineParser;
import dev.cloudwarden.engine.ingest.parse.ParseContext;

import java.util.List;
import java.util.Set;

/**
 * Amazon VPC Flow Logs in their text form: the default version 2 format, or any custom format (fields
 * of versions 2 to 5 and later) announced by the header line that S3 delivery writes first.
 */
public final class VpcFlowFormat implements LineFormat {
    /** The default format's fields, in order: what a file without a header holds. */
    static final List<String> DEFAULT_FIELDS = List.of("version", "account-id", "interface-id", "srcaddr", "dstaddr",
            "srcport", "dstport", "protocol", "packets", "bytes", "start", "end", "action", "log-status");

    /** Every field AWS documents for flow logs (v2 to v8); a header must consist of these. */
    static final Set<String> KNOWN_FIELDS = Set.of("version", "account-id", "interface-id", "srcaddr", "dstaddr",
            "srcport", "dstport", "protocol", "packets", "bytes", "start", "end", "action", "log-status",
            "vpc-id", "subnet-id", "instance-id", "tcp-flags", "type", "pkt-srcaddr", "pkt-dstaddr",
            "region", "az-id", "sublocation-type", "sublocation-id",
            "pkt-src-aws-service", "pkt-dst-aws-service", "flow-direction", "traffic-path",
            "ecs-cluster-arn", "ecs-cluster-name", "ecs-container-instance-arn", "ecs-container-instance-id",
            "ecs-container-id", "ecs-second-container-id", "ecs-service-name", "ecs-task-definition-arn",
            "ecs-task-arn", "ecs-task-id", "reject-reason", "resource-id", "encryption-status");

    @Override
    public SourceType source() {
        return SourceType.VPC_FLOW;
    }

    @Override
    public boolean recognizes(String line) {
        return isHeader(line) || looksLikeDefaultRecord(line);
    }

    @Override
    public LineParser open(ParseContext context) {
        return new VpcFlowParser();
    }

    static boolean isHeader(String line) {
        String[] tokens = line.trim().split(" +");
        if (tokens.length < 3) {
            return false;
        }
        for (String t : tokens) {
            if (!KNOWN_FIELDS.contains(t)) {
                return false;
            }
        }
        return true;
    }

    private static boolean looksLikeDefaultRecord(String line) {
        String[] t = line.trim().split(" +");
        return t.length == DEFAULT_FIELDS.size() && t[0].equals("2")
                && (t[10].chars().allMatch(Character::isDigit) || t[10].equals("-"))
                && Set.of("ACCEPT", "REJECT", "-").contains(t[12])
                && Set.of("OK", "NODATA", "SKIPDATA").contains(t[13]);
    }
}
