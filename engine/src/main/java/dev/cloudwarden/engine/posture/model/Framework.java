package dev.cloudwarden.engine.posture.model;

/**
 * The family of configuration a resource came from. Checks are written per family: a Terraform check reads the same
 * resource whether it came from HCL or from a plan's JSON, so both are {@link #TERRAFORM}.
 */
public enum Framework {
    TERRAFORM("terraform"),
    CLOUDFORMATION("cloudformation"),
    KUBERNETES("kubernetes"),
    ARM("arm"),
    DOCKERFILE("dockerfile"),
    DOCKER_DAEMON("docker_daemon"),
    HADOOP("hadoop"),
    /** Live or exported AWS configuration: AWS Config items and {@code aws ... describe-*} output. */
    AWS("aws");

    private final String id;

    Framework(String id) {
        this.id = id;
    }

    /**
     * A resource type as this framework compares types: ARM's are case-insensitive ({@code Microsoft.DocumentDb} and
     * {@code Microsoft.DocumentDB} are one provider), every other framework's are exact.
     */
    public String typeKey(String type) {
        return this == ARM ? type.toLowerCase(java.util.Locale.ROOT) : type;
    }

    /** The name used in check files and output. */
    public String id() {
        return id;
    }

    public static Framework of(String id) {
        for (Framework f : values()) {
            if (f.id.equals(id)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown framework '" + id + "'");
    }
}
