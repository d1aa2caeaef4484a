package dev.cloudwarden.app.hunt;

/**
 * A hunt kept under a name, as the store's {@code saved_hunts} table holds it.
 *
 * @param text the SQL query, or the Sigma rule YAML (one or more documents)
 */
public record SavedHunt(String name, HuntKind kind, String text) {
    public SavedHunt {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a saved hunt needs a name");
        }
        java.util.Objects.requireNonNull(kind, "kind");
        java.util.Objects.requireNonNull(text, "text");
    }
}
