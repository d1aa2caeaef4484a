package dev.cloudwarden.app.hunt;

import java.util.Locale;
import java.util.Optional;

/** What a saved hunt's text is: a SQL query, or Sigma rules run over the archive. */
public enum HuntKind {
    SQL, SIGMA;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<HuntKind> byId(String id) {
        for (HuntKind k : values()) {
            if (k.id().equalsIgnoreCase(id)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
