package dev.cloudwarden.engine.event;

/** What was done: the service that did it ({@code s3.amazonaws.com}, {@code sshd}) and the operation name. */
public record Operation(String service, String name) {
    public static final Operation NONE = new Operation(null, null);
}
