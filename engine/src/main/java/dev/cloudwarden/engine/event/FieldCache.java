package dev.cloudwarden.engine.event;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * Field values read from a record ahead of time, so rules can test them without the record's tree being
 * built. Answers exactly as {@link RawRecord#getAll} would, or null for paths it does not hold (or cannot
 * answer for this record), in which case the tree is used.
 */
public interface FieldCache {
    List<JsonNode> values(FieldPath path);
}
