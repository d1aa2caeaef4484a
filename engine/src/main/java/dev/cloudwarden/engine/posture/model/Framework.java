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
