package dev.cloudwarden.app.hunt;

import dev.cloudwarden.engine.event.Json;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** One result cell as a plain value (see {@link HuntResult#rows()}), whatever DuckDB type it had. */
final class HuntCells {
    private HuntCells() {
    }

    static Object read(ResultSet rs, int column, String typeName) throws SQLException {
        Object value = rs.getObject(column);
        if (value == null) {
            return null;
        }
        if (value instanceof Boolean || value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte || value instanceof Double || value instanceof Float
                || value instanceof BigDecimal || value instanceof BigInteger) {
            return value;
        }
        switch (typeName) {
            case "TIMESTAMP", "TIMESTAMP_NS", "TIMESTAMP_MS", "TIMESTAMP_S" -> {
                // TIMESTAMP holds UTC here (the archive writes UTC); read it without the JVM's zone in between.
                return rs.getObject(column, LocalDateTime.class).toInstant(ZoneOffset.UTC).toString();
            }
            case "TIMESTAMP WITH TIME ZONE" -> {
                return rs.getObject(column, OffsetDateTime.class).toInstant().toString();
            }
            case "JSON" -> {
                String text = rs.getString(column);
                try {
                    return Json.MAPPER.readTree(text);
                } catch (IOException e) {
                    return text; // DuckDB validated it; should Jackson disagree, the text is still the answer
                }
            }
            default -> {
                return rs.getString(column);
            }
        }
    }
}
