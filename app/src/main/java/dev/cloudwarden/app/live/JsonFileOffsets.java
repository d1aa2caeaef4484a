package dev.cloudwarden.app.live;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Positions in one JSON file ({@code {"input": [positions...]}}), for the command line and tests. A commit writes a
 * new file beside it, forces it to disk and renames it over the old one, so a crash leaves either the old file or
 * the new one, never a torn one.
 */
public final class JsonFileOffsets implements Offsets {
    private static final TypeReference<TreeMap<String, List<Stored>>> SHAPE = new TypeReference<>() {
    };

    private final Path file;
    private final ObjectMapper mapper = new ObjectMapper();

    public JsonFileOffsets(Path file) {
        this.file = file;
    }

    @Override
    public synchronized Map<String, Position> load(String input) throws IOException {
        Map<String, Position> byId = new LinkedHashMap<>();
        for (Stored s : readAll().getOrDefault(input, List.of())) {
            Position p = s.position();
            byId.put(p.id(), p);
        }
        return byId;
    }

    @Override
    public synchronized void commit(String input, Collection<Position> positions) throws IOException {
        TreeMap<String, List<Stored>> all = readAll();
        all.put(input, positions.stream().map(Stored::of).toList());
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path next = dir.resolve(file.getFileName() + ".next");
        Files.write(next, mapper.writeValueAsBytes(all));
        try (FileChannel c = FileChannel.open(next, StandardOpenOption.WRITE)) {
            c.force(true);
        }
        try {
            Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException(file + ": this file system cannot replace the positions file atomically", e);
        }
    }

    private TreeMap<String, List<Stored>> readAll() throws IOException {
        if (!Files.exists(file)) {
            return new TreeMap<>();
        }
        try {
            return mapper.readValue(file.toFile(), SHAPE);
        } catch (IOException e) {
            throw new IOException(file + ": unreadable positions file (" + e.getMessage() + ")", e);
        }
    }

    /** A position as the file holds it: the time as ISO-8601 text. */
    private record Stored(String id, String name, long offset, long line, String fingerprint, int fingerprintLength,
                          String format, String referenceTime, boolean finished) {
        static Stored of(Position p) {
            return new Stored(p.id(), p.name(), p.offset(), p.line(), p.fingerprint(), p.fingerprintLength(),
                    p.format(), p.referenceTime() == null ? null : p.referenceTime().toString(), p.finished());
        }

        Position position() {
            return new Position(id, name, offset, line, fingerprint, fingerprintLength, format,
                    referenceTime == null ? null : Instant.parse(referenceTime), finished);
        }
    }
}
