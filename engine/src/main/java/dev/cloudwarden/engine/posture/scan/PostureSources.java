package dev.cloudwarden.engine.posture.scan;

import dev.cloudwarden.engine.posture.source.ConfigSource;

import java.util.List;

/**
 * Every configuration format, in the order a file is offered to them: the formats that recognise a file by its
 * content before those that go by its name alone. A new format is one package and one line here.
 */
public final class PostureSources {
    private PostureSources() {
    }

    public static List<ConfigSource> all() {
        return List.of();
    }
}
