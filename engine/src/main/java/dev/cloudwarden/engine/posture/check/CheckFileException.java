package dev.cloudwarden.engine.posture.check;

import dev.cloudwarden.engine.posture.model.Location;

/** A check file, or one check in it, that cannot be used: where and why. */
public final class CheckFileException extends Exception {
    private final Location location;

    public CheckFileException(Location location, String reason) {
        super(location + ": " + reason);
        this.location = location;
    }

    public Location location() {
        return location;
    }
}
