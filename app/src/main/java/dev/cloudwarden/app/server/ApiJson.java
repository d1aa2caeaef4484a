package dev.cloudwarden.app.server;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.cloudwarden.app.store.Role;
import dev.cloudwarden.app.store.StoredAlert;
import dev.cloudwarden.app.store.StoredIncident;
import dev.cloudwarden.app.store.TargetKind;
import dev.cloudwarden.app.store.TriageStatus;
import dev.cloudwarden.engine.alert.Level;
import dev.cloudwarden.engine.incident.EntityType;

import java.io.IOException;
import java.util.function.Function;

/**
 * The API's JSON: snake_case names, times as ISO-8601, levels, roles and statuses by their ids, and the engine's own
 * alert and incident JSON and the posture findings' JSON (kept by the store as text) embedded as JSON, not as a string holding JSON.
 */
final class ApiJson {
    private ApiJson() {
    }

    static ObjectMapper mapper() {
        SimpleModule ids = new SimpleModule();
        ids.addSerializer(Level.class, byId(Level.class, Level::id));
        ids.addSerializer(Role.class, byId(Role.class, Role::id));
        ids.addSerializer(TriageStatus.class, byId(TriageStatus.class, TriageStatus::id));
        ids.addSerializer(TargetKind.class, byId(TargetKind.class, TargetKind::id));
        ids.addSerializer(EntityType.class, byId(EntityType.class, EntityType::id));
        return JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .addModule(new JavaTimeModule())
                .addModule(ids)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .addMixIn(StoredAlert.class, RawAlert.class)
                .addMixIn(StoredIncident.class, RawIncident.class)
                .addMixIn(dev.cloudwarden.app.store.StoredFinding.class, RawFinding.class)
                .build();
    }

    private static <T> StdSerializer<T> byId(Class<T> type, Function<T, String> id) {
        return new StdSerializer<>(type) {
            @Override
            public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(id.apply(value));
            }
        };
    }

    /** The engine wrote this JSON itself (the store keeps it as text); it goes out as JSON. */
    abstract static class RawAlert {
        @JsonRawValue
        abstract String alertJson();
    }

    /** The CLI's JSON of a posture finding, kept as text, goes out as JSON. */
    abstract static class RawFinding {
        @JsonRawValue
        abstract String findingJson();
    }

    /** A list's incidents leave the engine's JSON out (one incident's read has it). */
    abstract static class RawIncident {
        @JsonRawValue
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        abstract String incidentJson();
    }
}
