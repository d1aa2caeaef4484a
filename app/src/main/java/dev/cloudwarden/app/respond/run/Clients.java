package dev.cloudwarden.app.respond.run;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The clients a response may use (AWS, Kubernetes, an evidence folder), by type; none for a dry run. */
public final class Clients {
    private final Map<Class<?>, Object> byType = new HashMap<>();

    public static Clients none() {
        return new Clients();
    }

    public <T> Clients with(Class<T> type, T client) {
        byType.put(type, client);
        return this;
    }

    public <T> Optional<T> get(Class<T> type) {
        return Optional.ofNullable(type.cast(byType.get(type)));
    }
}
