package dev.cloudwarden.engine.posture.source.terraform;

/** Which file names Terraform reads, and how. */
final class TerraformFiles {
    private TerraformFiles() {
    }

    /** Configuration: {@code .tf} in native syntax, {@code .tf.json} in JSON syntax. */
    static boolean isConfiguration(String name) {
        return name.endsWith(".tf") || name.endsWith(".tf.json");
    }

    /** Variable values: {@code .tfvars} and {@code .tfvars.json}. */
    static boolean isVariables(String name) {
        return name.endsWith(".tfvars") || name.endsWith(".tfvars.json");
    }
}
