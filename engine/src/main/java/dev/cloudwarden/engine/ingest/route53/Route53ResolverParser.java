package dev.cloudwarden.engine.ingest.route53;

import dev.cloudwarden.engine.event.Cloud;
import dev.cloudwarden.engine.event.Endpoint;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.EventBuilder;
import dev.cloudwarden.engine.event.Origin;
import dev.cloudwarden.engine.event.Outcome;
import dev.cloudwarden.engine.event.RawRecord;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.ingest.json.ExtractedFields;
import dev.cloudwarden.engine.ingest.json.JsonFieldExtractor;
import dev.cloudwarden.engine.ingest.parse.ExtractingJsonParser;
import dev.cloudwarden.engine.ingest.parse.ParseContext;
import dev.cloudwarden.engine.ingest.parse.RecordRejectedException;

/**
 * Amazon Route 53 Resolver query logs: one JSON object per DNS query a VPC resource (or an inbound
 * resolver endpoint) sent to the Resolver, one per line.
 *
 * <p>The destination is the name queried, without the trailing root dot the log writes, so it compares
 * equal to domain indicators; the raw record keeps it as logged. A query a DNS Firewall rule blocked is a
 * failure whatever rcode the firewall chose to answer with.
 */
final class Route53ResolverParser extends ExtractingJsonParser {
    private static final JsonFieldExtractor.Builder PATHS = new JsonFieldExtractor.Builder();
    private static final int QUERY_TIME = PATHS.path("query_timestamp");
    private static final int QUERY_NAME = PATHS.path("query_name");
    private static final int QUERY_TYPE = PATHS.path("query_type");
    private static final int RCODE = PATHS.path("rcode");
    private static final int ACCOUNT = PATHS.path("account_id");
    private static final int REGION = PATHS.path("region");
    private static final int VPC = PATHS.path("vpc_id");
    private static final int SRC_ADDR = PATHS.path("srcaddr");
    private static final int SRC_PORT = PATHS.path("srcport");
    private static final int INSTANCE = PATHS.path("srcids.instance");
    private static final int RESOLVER_ENDPOINT = PATHS.path("srcids.resolver_endpoint");
    private static final int FIREWALL_ACTION = PATHS.path("firewall_rule_action");
    private static final int FIREWALL_GROUP = PATHS.path("firewall_rule_group_id");
    private static final JsonFieldExtractor EXTRACTOR = PATHS.build();

    Route53ResolverParser() {
        super(SourceType.ROUTE53_RESOLVER, EXTRACTOR);
    }

    @Override
    protected Event build(ExtractedFields f, RawRecord raw, Origin origin, ParseContext context)
            throws RecordRejectedException {
        String name = f.nonEmpty(QUERY_NAME);
        EventBuilder b = builder(raw, context, f.get(QUERY_TIME)).origin(origin);
        b.cloud(Cloud.aws(f.nonEmpty(ACCOUNT), f.nonEmpty(REGION)));
        b.src(Endpoint.of(f.nonEmpty(SRC_ADDR), f.getInt(SRC_PORT)));
        String host = name != null && name.length() > 1 && name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        b.dst(host == null ? Endpoint.NONE : new Endpoint(null, null, host));
        b.operation("route53resolver", f.nonEmpty(QUERY_TYPE));
        b.outcome(outcome(f));
        b.resource("AWS::EC2::Instance", f.nonEmpty(INSTANCE));
        b.resource("AWS::Route53Resolver::ResolverEndpoint", f.nonEmpty(RESOLVER_ENDPOINT));
        b.resource("AWS::EC2::VPC", f.nonEmpty(VPC));
        return b.build();
    }

    private static Outcome outcome(ExtractedFields f) {
        if ("BLOCK".equalsIgnoreCase(f.get(FIREWALL_ACTION))) {
            String group = f.nonEmpty(FIREWALL_GROUP);
            return Outcome.failure("BLOCK", group == null ? "blocked by DNS Firewall"
                    : "blocked by DNS Firewall rule group " + group);
        }
        String rcode = f.nonEmpty(RCODE);
        if (rcode == null) {
            return Outcome.UNKNOWN;
        }
        return rcode.equals("NOERROR") ? Outcome.SUCCESS : Outcome.failure(rcode, null);
    }
}
