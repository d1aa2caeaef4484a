package dev.cloudwarden.engine.incident;

import java.util.Comparator;
import java.util.Objects;

/**
 * Something alerts can share: a typed, normalized value ({@code principal arn:aws:iam::1:user/bob},
 * {@code ip 203.0.113.7}, {@code bucket payroll}). Equal entities in two alerts may link them into one incident.
 */
public record Entity(EntityType type, String value) implements Comparable<Entity> {
    private static final Comparator<Entity> ORDER =
            Comparator.comparing(Entity::type).thenComparing(Entity::value);

    public Entity {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
    }

    public static Entity of(EntityType type, String value) {
        return new Entity(type, value);
    }

    @Override
    public int compareTo(Entity o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return type.id() + ":" + value;
    }
}
