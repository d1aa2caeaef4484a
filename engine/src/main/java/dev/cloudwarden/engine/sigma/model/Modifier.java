package dev.cloudwarden.engine.sigma.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Every value modifier of the Sigma specification (v2.1 appendix), plus the regex flag sub-modifiers. */
public enum Modifier {
    CONTAINS, STARTSWITH, ENDSWITH, ALL, EXISTS, CASED, NEQ,
    WINDASH, RE, I, M, S,
    BASE64, BASE64OFFSET, UTF16LE, UTF16BE, UTF16, WIDE,
    LT, LTE, GT, GTE,
    MINUTE, HOUR, DAY, WEEK, MONTH, YEAR,
    CIDR, EXPAND, FIELDREF;

    /** The name as rules write it. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Modifier> parse(String text) {
        String wanted = text.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.id().equals(wanted)).findFirst();
    }
}
