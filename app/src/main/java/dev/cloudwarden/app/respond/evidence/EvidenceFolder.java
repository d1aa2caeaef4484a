package dev.cloudwarden.app.respond.evidence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Evidence kept as files under one folder: {@code root/<response>/<step>/<name>}, each segment made safe by
 * {@link EvidenceStore#safeName}. A file is written beside its place and then moved there, so a reader (or a step
 * interrupted half-way) never sees a half-written file.
 */
public record EvidenceFolder(Path root) implements EvidenceStore {
    @Override
    public String write(String responseId, String stepId, String name, byte[] content) throws IOException {
        Path dir = root.resolve(EvidenceStore.safeName(responseId)).resolve(EvidenceStore.safeName(stepId));
        Files.createDirectories(dir);
        Path target = dir.resolve(EvidenceStore.safeName(name));
        Path partial = Files.createTempFile(dir, ".partial-", ".tmp");
        try {
            Files.write(partial, content);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        return target.toString();
    }
}
