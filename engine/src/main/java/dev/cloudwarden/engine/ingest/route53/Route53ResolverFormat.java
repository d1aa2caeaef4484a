package dev.cloudwarden.engine.ingest.route53;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.engine.ingest.parse.JsonFormat;
import dev.cloudwarden.engine.ingest.parse.JsonRecordParser;

/** Route 53 Resolver query logs: a queried name with the querying address or the query's time. */
public final class Route53ResolverFormat implements JsonFormat {
    private final Route53ResolverParser parser = new Route53ResolverParser();

    @Override
    public boolean recognizes(JsonNode record) {
        return record.has("query_name") && (record.has("srcaddr") || record.has("query_timestamp"));
    }

    @Override
    public JsonRecordParser parser() {
        return parser;
    }
}
