package dev.cloudwarden.engine.alert;

import java.util.Objects;

/**
 * A value an analyst pivots on, with what it was in the alert: {@code ip/src}, {@code principal/actor},
 * {@code domain/query}, {@code hash/image}. Tools read these fields (intel export, evaluation, response) instead of
 * parsing titles.
 *
 * @param type  what the value is: {@code ip}, {@code domain}, {@code url}, {@code hash}, {@code principal},
 *              {@code access_key}, {@code user_agent}, {@code email}, {@code host}, {@code resource}
 * @param value the value as logged (attacker controlled: escape it where it is shown)
 * @param role  its part in the event: {@code src}, {@code dst}, {@code actor}, {@code query}, {@code image},
 *              {@code target}, or {@code matched} for the value a detector (intel) matched
 */
public record Observable(String type, String value, String role) implements Comparable<Observable> {
    public static final String MATCHED = "matched";

    public Observable {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(role, "role");
    }

    @Override
    public int compareTo(Observable o) {
        int c = type.compareTo(o.type);
        if (c == 0) {
            c = role.compareTo(o.role);
        }
        return c != 0 ? c : value.compareTo(o.value);
    }
}
