/**
 * Posture: the misconfigurations the report blames (T3), found in infrastructure as code and configuration
 * snapshots before an attacker finds them.
 *
 * <p>Layers, bottom up: {@code model} (what a parsed configuration is: resources with attributes, some of them
 * {@link dev.cloudwarden.engine.posture.model.Unknown unknown}); {@code source} and its one package per format
 * (Terraform, CloudFormation, Kubernetes, ARM, Docker, Hadoop, AWS snapshots), each turning files into resources;
 * {@code check} (declarative checks in YAML with CEL conditions, Java checks, graph checks); {@code scan} (files in,
 * findings out, suppressions and baselines applied).
 */
package dev.cloudwarden.engine.posture;
