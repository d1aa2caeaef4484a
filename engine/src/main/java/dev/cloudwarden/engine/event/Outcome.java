package dev.cloudwarden.engine.event;

/** How it ended: status, and the error code and message the source gave on failure. */
public record Outcome(Status status, String errorCode, String errorMessage) {
    public static final Outcome UNKNOWN = new Outcome(Status.UNKNOWN, null, null);
    public static final Outcome SUCCESS = new Outcome(Status.SUCCESS, null, null);

    public static Outcome failure(String errorCode, String errorMessage) {
        return new Outcome(Status.FAILURE, errorCode, errorMessage);
    }

    public enum Status { SUCCESS, FAILURE, UNKNOWN }
}
