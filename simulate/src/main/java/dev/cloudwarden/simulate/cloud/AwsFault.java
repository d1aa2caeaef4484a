package dev.cloudwarden.simulate.cloud;

/** An error as AWS writes it: the HTTP status, the error code callers branch on, and a message. */
public final class AwsFault extends RuntimeException {
    private final int status;
    private final String code;

    public AwsFault(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    static AwsFault notFound(String code, String message) {
        return new AwsFault(404, code, message);
    }

    static AwsFault invalid(String code, String message) {
        return new AwsFault(400, code, message);
    }
}
