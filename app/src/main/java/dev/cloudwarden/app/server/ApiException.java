package dev.cloudwarden.app.server;

import io.javalin.http.HttpStatus;

import java.util.LinkedHashMap;
import java.util.Map;

/** An answer other than success: its status, a JSON body with an {@code error} message, and extra headers. */
public final class ApiException extends RuntimeException {
    private final HttpStatus status;
    private final Map<String, String> headers;
    private final Map<String, Object> body;

    public ApiException(HttpStatus status, String message, Map<String, String> headers) {
        this(status, message, headers, Map.of());
    }

    ApiException(HttpStatus status, String message, Map<String, String> headers, Map<String, Object> details) {
        super(message);
        this.status = status;
        this.headers = Map.copyOf(headers);
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("error", message);
        b.putAll(details);
        this.body = b;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, message, Map.of());
    }

    public static ApiException notFound(String message) {
        return new ApiException(HttpStatus.NOT_FOUND, message, Map.of());
    }

    public int status() {
        return status.getCode();
    }

    Map<String, String> headers() {
        return headers;
    }

    Map<String, Object> body() {
        return body;
    }
}
