package dev.cloudwarden.app.respond;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.app.store.PlatformStore;
import dev.cloudwarden.app.store.StoredIncident;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.engine.incident.Incident;
import dev.cloudwarden.engine.incident.IncidentCodec;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Where a response finds its incident: the store, or a file of incidents as {@code scan} writes them. */
public final class IncidentSource {
    private IncidentSource() {
    }

    public static Optional<Incident> fromStore(PlatformStore store, String id) {
        return store.incident(id).map(d -> read(d.incident()));
    }

    private static Incident read(StoredIncident s) {
        try {
            return IncidentCodec.read(Json.MAPPER.readTree(s.incidentJson())).incident();
        } catch (IOException e) {
            throw new IllegalStateException("the store's JSON of incident " + s.id() + " does not read: " + e.getMessage(), e);
        }
    }

    /**
     * The latest form of incident {@code id} in an NDJSON file of incident updates ({@code scan --incidents-out},
     * the demo's {@code results/incidents.ndjson}); a line that is not an incident is an error naming its line.
     */
    public static Optional<Incident> fromFile(Path file, String id) throws IOException {
        Incident found = null;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank() || !line.contains(id)) {
                    continue;
                }
                try {
                    JsonNode node = Json.MAPPER.readTree(line);
                    Incident i = IncidentCodec.read(node).incident();
                    if (i.id().equals(id)) {
                        found = i;
                    }
                } catch (IOException | RuntimeException e) {
                    throw new IOException(file + ":" + n + ": not an incident: " + e.getMessage(), e);
                }
            }
        }
        return Optional.ofNullable(found);
    }
}
