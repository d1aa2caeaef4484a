package dev.cloudwarden.app.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudwarden.app.live.Offsets;
import dev.cloudwarden.app.live.Position;
import dev.cloudwarden.app.store.IngestOffset;
import dev.cloudwarden.app.store.PlatformStore;

import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Live inputs' positions kept in the store's {@code ingest_offsets}: the file key, byte offset, line and fingerprint in
 * their columns (so an operator can read them), the rest of the position as the input's resume state. A commit
 * replaces all of an input's positions in one transaction, as {@link Offsets} promises.
 */
final class StoreOffsets implements Offsets {
    /** What a position holds besides the columns. */
    record ResumeState(String name, int fingerprintLength, String format, java.time.Instant referenceTime, boolean finished) {
    }

    private final PlatformStore store;
    private final ObjectMapper json = ApiJson.mapper();

    StoreOffsets(PlatformStore store) {
        this.store = store;
    }

    @Override
    public Map<String, Position> load(String input) throws IOException {
        Map<String, Position> out = new LinkedHashMap<>();
        for (IngestOffset o : store.offsets(input)) {
            ResumeState s = o.resumeState() == null ? new ResumeState("", 0, "", null, false)
                    : json.readValue(o.resumeState(), ResumeState.class);
            String fingerprint = o.identity().fingerprint() == null ? "" : o.identity().fingerprint();
            out.put(o.fileKey(), new Position(o.fileKey(), s.name(), o.byteOffset(), o.lineNumber(), fingerprint,
                    s.fingerprintLength(), s.format(), s.referenceTime(), s.finished()));
        }
        return out;
    }

    @Override
    public void commit(String input, Collection<Position> positions) throws IOException {
        List<IngestOffset> rows = new java.util.ArrayList<>();
        for (Position p : positions) {
            String state;
            try {
                state = json.writeValueAsString(new ResumeState(p.name(), p.fingerprintLength(), p.format(),
                        p.referenceTime(), p.finished()));
            } catch (JsonProcessingException e) {
                throw new IOException(e);
            }
            rows.add(new IngestOffset(input, p.id(), p.offset(), p.line(), new IngestOffset.FileIdentity(null, null,
                    null, p.fingerprint().isEmpty() ? null : p.fingerprint()), state, null));
        }
        store.replaceOffsets(input, rows);
    }
}
