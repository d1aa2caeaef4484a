package dev.cloudwarden.app.posture.aws;

/** Why a live scan could not start at all (no credentials, no region): the message says what to do. */
public final class AwsScanException extends RuntimeException {
    public AwsScanException(String message) {
        super(message);
    }
}
