package dev.cloudwarden.app.hunt;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.engine.event.Json;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Lets through exactly one SELECT (with {@code WITH}, {@code DESCRIBE}, {@code SUMMARIZE}, which DuckDB parses as
 * selects), judged by DuckDB's own parser: {@code json_serialize_sql} serializes SELECT statements only and lists
 * each statement. This is the first of the hunt's locks: it refuses COPY, CREATE, INSERT, ATTACH, INSTALL, LOAD,
 * SET, PRAGMA and a second statement before anything runs; the session's settings stop what a SELECT could still
 * reach ({@link HuntSession}).
 */
final class SelectOnly {
    static final String ONLY_SELECT = "hunts run one read-only SELECT query (WITH, DESCRIBE and SUMMARIZE too); "
            + "COPY, CREATE, INSERT, UPDATE, DELETE, ATTACH, INSTALL, LOAD, SET and PRAGMA are refused";

    private SelectOnly() {
    }

    static void check(Connection session, String sql) throws HuntException {
        JsonNode parsed;
        try (PreparedStatement ps = session.prepareStatement("SELECT json_serialize_sql(CAST(? AS VARCHAR))")) {
            ps.setString(1, sql);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                parsed = Json.MAPPER.readTree(rs.getString(1));
            }
        } catch (SQLException | IOException e) {
            throw new HuntException(HuntException.Kind.BAD_QUERY, "cannot parse the query: " + e.getMessage(), e);
        }
        if (parsed.path("error").asBoolean(false)) {
            String type = parsed.path("error_type").asText("");
            String message = parsed.path("error_message").asText("");
            if (type.equals("not implemented")) {
                throw new HuntException(HuntException.Kind.REFUSED, ONLY_SELECT);
            }
            throw new HuntException(HuntException.Kind.BAD_QUERY, message.isEmpty() ? "the query does not parse" : message);
        }
        int statements = parsed.path("statements").size();
        if (statements != 1) {
            throw new HuntException(HuntException.Kind.REFUSED, statements == 0 ? "the query is empty"
                    : "one statement per hunt, got " + statements + "; " + ONLY_SELECT);
        }
    }
}
