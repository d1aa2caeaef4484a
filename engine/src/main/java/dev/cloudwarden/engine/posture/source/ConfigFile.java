package dev.cloudwarden.engine.posture.source;

import java.nio.file.Path;

/** A file to read, and how findings and problems name it (the path as given, relative to the scanned folder). */
public record ConfigFile(Path path, String displayName) {
}
