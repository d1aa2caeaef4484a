package dev.cloudwarden.app.store;

/**
 * The store could not do what was asked: it is unreachable, locked, of a newer schema, or a statement failed.
 * The message names the store (never its password) and what was being done.
 */
public class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A change named alerts, incidents, comments or other rows that do not exist; nothing was changed. */
    public static final class NotFound extends StoreException {
        private final TargetKind kind;
        private final java.util.List<String> ids;

        public NotFound(TargetKind kind, java.util.Collection<String> ids) {
            super("no " + kind.id() + " with id " + String.join(", ", ids));
            this.kind = kind;
            this.ids = java.util.List.copyOf(ids);
        }

        public TargetKind kind() {
            return kind;
        }

        public java.util.List<String> ids() {
            return ids;
        }
    }
}
