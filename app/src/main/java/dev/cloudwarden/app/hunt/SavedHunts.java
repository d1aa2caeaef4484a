package dev.cloudwarden.app.hunt;

import java.io.IOException;
import java.util.Optional;

/** Where saved hunts are looked up by name: the store's {@code saved_hunts} table implements it. */
@FunctionalInterface
public interface SavedHunts {
    SavedHunts NONE = name -> Optional.empty();

    Optional<SavedHunt> find(String name) throws IOException;
}
