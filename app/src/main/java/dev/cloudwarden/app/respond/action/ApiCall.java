package dev.cloudwarden.app.respond.action;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One call an action makes, or would make in a dry run: the service ({@code ec2}, {@code iam}, {@code kubernetes},
 * {@code host}), the operation as the API names it ({@code CreateSnapshot}, {@code UpdateAccessKey},
 * {@code PATCH node}), and its parameters as the API takes them (in the plan, a value the run will learn, such as a
 * snapshot id, is written {@code <snapshot of vol-1>}).
 */
public record ApiCall(String service, String operation, Map<String, Object> parameters) {
    public ApiCall {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    public static ApiCall of(String service, String operation, Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("parameters come in key, value pairs");
        }
        Map<String, Object> p = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            p.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return new ApiCall(service, operation, p);
    }
}
