package dev.cloudwarden.app.intel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The formats {@code intel import} reads; {@code auto} decides per source from its name and first bytes. */
public enum FeedFormat {
    auto, stix, misp, csv, list;

    /** The format of a file or download named {@code name} that starts with {@code head}. */
    public static FeedFormat detect(String name, byte[] head) {
        String text = new String(head, StandardCharsets.UTF_8).stripLeading();
        String lower = name.toLowerCase(Locale.ROOT);
        if (text.startsWith("{") || text.startsWith("[")) {
            if (text.contains("\"Event\"") || text.contains("\"Attribute\"") || text.contains("\"response\"")
                    || lower.endsWith("manifest.json")) {
                return misp;
            }
            return stix;
        }
        if (lower.endsWith(".csv")) {
            return csv;
        }
        return list;
    }

    /** The first {@code n} bytes of a stream that supports mark/reset, leaving it at its start. */
    static byte[] peek(InputStream in, int n) throws IOException {
        in.mark(n);
        byte[] head = in.readNBytes(n);
        in.reset();
        return head;
    }
}
