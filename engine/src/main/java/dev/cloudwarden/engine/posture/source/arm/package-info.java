/**
 * Azure Resource Manager templates as {@link dev.cloudwarden.engine.posture.model.ConfigResource}s: one per resource
 * (child resources too, with their full type and name), {@code attributes} the whole resource object with template
 * expressions evaluated ({@link dev.cloudwarden.engine.posture.source.arm.ArmEvaluator}): {@code type},
 * {@code name}, {@code apiVersion}, {@code location}, {@code kind}, {@code sku}, {@code properties}, {@code tags},
 * {@code dependsOn} ...; {@code id} {@code type.name} as Checkov writes it.
 */
package dev.cloudwarden.engine.posture.source.arm;
