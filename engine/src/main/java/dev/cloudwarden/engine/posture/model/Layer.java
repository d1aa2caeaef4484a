package dev.cloudwarden.engine.posture.model;

import java.util.Locale;

/**
 * The service model a control belongs to (the report's shared-responsibility section, R8): who runs what below the
 * customer's line differs for each.
 */
public enum Layer {
    IAAS("IaaS"), PAAS("PaaS"), FAAS("FaaS"), CONTAINERS("containers/K8s"), SAAS("SaaS");

    private final String label;

    Layer(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads {@code iaas}, {@code IaaS}, {@code containers} or {@code containers/K8s}. */
    public static Layer of(String text) {
        for (Layer l : values()) {
            if (l.id().equalsIgnoreCase(text) || l.label.equalsIgnoreCase(text)) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown layer '" + text + "' (one of iaas, paas, faas, containers, saas)");
    }
}
