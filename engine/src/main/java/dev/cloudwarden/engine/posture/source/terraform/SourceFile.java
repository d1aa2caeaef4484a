package dev.cloudwarden.engine.posture.source.terraform;

import dev.cloudwarden.engine.posture.source.terraform.hcl.HclFile;

/** A parsed configuration file and the name findings give it. */
record SourceFile(String displayName, HclFile hcl) {
}
