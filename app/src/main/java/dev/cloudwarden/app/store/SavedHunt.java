package dev.cloudwarden.app.store;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/** A hunt an analyst saved by name: a SQL query or a Sigma rule, run again on demand. */
public record SavedHunt(String name, Kind kind, String query, String owner, Instant created, Instant updated) {
    public enum Kind {
        SQL, SIGMA;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind of(String id) {
            return valueOf(id.toUpperCase(Locale.ROOT));
        }
    }

    public SavedHunt {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(query, "query");
    }
}
