package dev.cloudwarden.engine.event;

/**
 * The Sigma logsource an event answers to. Typed sources take it from their {@link SourceType};
 * generic JSON takes it from the user ({@code --logsource product/service}).
 */
public record LogSource(String product, String service, String category) {
    public static final LogSource NONE = new LogSource(null, null, null);

    /**
     * Parses {@code product/service}, {@code product/service/category} or {@code category=webserver}
     * style text given on the command line.
     */
    public static LogSource parse(String text) {
        if (text.startsWith("category=")) {
            return new LogSource(null, null, blankToNull(text.substring("category=".length())));
        }
        String[] parts = text.split("/", -1);
        if (parts.length < 1 || parts.length > 3) {
            throw new IllegalArgumentException("logsource must be product/service[/category], got '" + text + "'");
        }
        return new LogSource(blankToNull(parts[0]), parts.length > 1 ? blankToNull(parts[1]) : null,
                parts.length > 2 ? blankToNull(parts[2]) : null);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    @Override
    public String toString() {
        return (product == null ? "" : product) + "/" + (service == null ? "" : service)
                + (category == null ? "" : "/" + category);
    }
}
