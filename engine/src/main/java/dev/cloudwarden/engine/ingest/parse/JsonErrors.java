package dev.cloudwarden.engine.ingest.parse;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

import java.io.CharConversionException;
import java.io.IOException;

/** Turns Jackson's exceptions into one-line reasons a person can act on. */
public final class JsonErrors {
    private JsonErrors() {
    }

    public static String reason(IOException e) {
        if (e instanceof StreamConstraintsException sce) {
            String m = sce.getOriginalMessage();
            if (m.contains("nesting depth")) {
                return "JSON nested deeper than the limit (" + m.replaceAll(".*exceeds the maximum allowed \\((\\d+).*", "$1") + " levels)";
            }
            return "JSON over a size limit: " + m;
        }
        if (e instanceof CharConversionException) {
            return "invalid UTF-8: " + e.getMessage();
        }
        if (e instanceof JsonProcessingException jpe) {
            String where = "";
            JsonLocation loc = jpe.getLocation();
            if (loc != null && loc.getColumnNr() > 0) {
                where = loc.getLineNr() > 1 ? " at line " + loc.getLineNr() + " column " + loc.getColumnNr()
                        : " at column " + loc.getColumnNr();
            }
            String m = jpe.getOriginalMessage();
            int cut = m.indexOf('\n');
            return "invalid JSON: " + (cut > 0 ? m.substring(0, cut) : m) + where;
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    public static RecordRejectedException rejection(IOException e) {
        return new RecordRejectedException(reason(e));
    }
}
