package dev.cloudwarden.engine.posture.model;

import java.util.Locale;

/** Who must get a control right under the shared-responsibility model. */
public enum Owner {
    CUSTOMER, PROVIDER, SHARED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Owner of(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown owner '" + text + "' (one of customer, provider, shared)");
        }
    }
}
