package dev.cloudwarden.engine.ingest.read;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.Set;

/**
 * Decides an input's {@link ContainerFormat} from a prefix of its decoded bytes. JSON inputs are told
 * apart by the first object's top-level keys ({@code Records}, {@code Events}, digest keys) and by
 * whether that object ends on its first line (NDJSON) or not (pretty-printed).
 */
public final class ContainerSniffer {
    private static final Set<String> DIGEST_KEYS = Set.of("digestStartTime", "digestEndTime",
            "digestPublicKeyFingerprint", "digestSignatureAlgorithm", "previousDigestSignature");

    private ContainerSniffer() {
    }

    public static ContainerFormat sniff(byte[] prefix, int length, JsonFactory factory) {
        int i = skipBomAndWhitespace(prefix, length);
        if (i >= length) {
            return ContainerFormat.EMPTY;
        }
        if (prefix[i] == '[') {
            return ContainerFormat.JSON_ARRAY;
        }
        if (prefix[i] != '{') {
            return ContainerFormat.TEXT_LINES;
        }
        int firstLineEnd = indexOf(prefix, i, length, (byte) '\n');
        try (JsonParser p = factory.createParser(prefix, i, length - i)) {
            p.nextToken();
            JsonToken t;
            boolean digest = false;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("Records") && value == JsonToken.START_ARRAY) {
                    return ContainerFormat.CLOUDTRAIL_RECORDS;
                }
                if (name.equals("Events") && value == JsonToken.START_ARRAY) {
                    return ContainerFormat.CLOUDTRAIL_LOOKUP;
                }
                if (name.equals("records") && value == JsonToken.START_ARRAY && firstLineEnd >= 0) {
                    if (!closesOnFirstLine(p, i, firstLineEnd)) {
                        return ContainerFormat.AZURE_RECORDS;
                    }
                    break; // a batch a line: the parser is at the end of the first one
                }
                digest |= DIGEST_KEYS.contains(name);
                p.skipChildren();
            }
            if (digest) {
                return ContainerFormat.CLOUDTRAIL_DIGEST;
            }
            int end = (int) p.currentLocation().getByteOffset() + i;
            if (firstLineEnd >= 0 && end > firstLineEnd) {
                return ContainerFormat.JSON_STREAM;
            }
            // Objects one after another on a line (Firehose delivers records without a delimiter) are a stream too.
            int next = end;
            while (next < length && (prefix[next] == ' ' || prefix[next] == '\t' || prefix[next] == '\r')) {
                next++;
            }
            return next < length && prefix[next] == '{' ? ContainerFormat.JSON_STREAM : ContainerFormat.JSON_LINES;
        } catch (IOException e) {
            // Broken or cut off by the prefix's end. If the first line is a whole line, read it as
            // NDJSON so the bad line is reported and the next ones still read; otherwise it is one
            // big document.
            return firstLineEnd >= 0 && !e.getMessage().contains("end-of-input")
                    ? ContainerFormat.JSON_LINES
                    : firstLineEnd >= 0 ? ContainerFormat.JSON_STREAM : ContainerFormat.JSON_LINES;
        }
    }

    /** True when the document {@code p} is in closes before {@code firstLineEnd} (or the prefix ends first on one line). */
    private static boolean closesOnFirstLine(JsonParser p, int offset, int firstLineEnd) {
        try {
            p.skipChildren();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                p.nextToken();
                p.skipChildren();
            }
            return p.currentLocation().getByteOffset() + offset <= firstLineEnd;
        } catch (IOException e) {
            return false;
        }
    }

    static int skipBomAndWhitespace(byte[] b, int length) {
        int i = 0;
        if (length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
            i = 3;
        }
        while (i < length && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n')) {
            i++;
        }
        return i;
    }

    private static int indexOf(byte[] b, int from, int to, byte wanted) {
        for (int i = from; i < to; i++) {
            if (b[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
