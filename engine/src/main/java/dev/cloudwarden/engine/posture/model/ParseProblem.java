package dev.cloudwarden.engine.posture.model;

/** A file, or part of one, that could not be read: where and why. The rest of the scan goes on. */
public record ParseProblem(Location location, String reason) {
    @Override
    public String toString() {
        return location + ": " + reason;
    }
}
