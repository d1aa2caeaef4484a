package dev.cloudwarden.app.respond.action;

/**
 * An action that could not do its work: an API error (its code, message and request id), a resource that is not
 * there, a wait that ran out. The step stops and follows its {@code on_failure}; its state is kept, so a rerun resumes.
 */
public class ActionException extends Exception {
    private final String errorCode;
    private final String requestId;

    public ActionException(String message, String errorCode, String requestId, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
        this.requestId = requestId;
    }

    public ActionException(String message) {
        this(message, null, null, null);
    }

    /** The provider's error code ({@code UnauthorizedOperation}, {@code NoSuchEntity}); null when there is none. */
    public String errorCode() {
        return errorCode;
    }

    public String requestId() {
        return requestId;
    }
}
