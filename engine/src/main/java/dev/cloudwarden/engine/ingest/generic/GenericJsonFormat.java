package dev.cloudwarden.engine.ingest.generic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.engine.event.LogSource;
import dev.cloudwarden.engine.ingest.parse.JsonFormat;
import dev.cloudwarden.engine.ingest.parse.JsonRecordParser;

import java.util.List;

/** Any JSON object: the registry asks it last, so it takes what no other source claimed. */
public final class GenericJsonFormat implements JsonFormat {
    private final GenericJsonParser parser = new GenericJsonParser();

    @Override
    public boolean recognizes(JsonNode record) {
        return true;
    }

    @Override
    public JsonRecordParser parser() {
        return parser;
    }

    /** None that a rule could count on: its events answer to whatever {@code --logsource} the user gives. */
    @Override
    public List<LogSource> feeds() {
        return List.of();
    }
}
