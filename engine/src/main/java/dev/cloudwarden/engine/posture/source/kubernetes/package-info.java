/**
 * Kubernetes manifests as {@link dev.cloudwarden.engine.posture.model.ConfigResource}s: one per object (items of a
 * {@code List} included), {@code type} its {@code kind}, {@code attributes} the whole object as written
 * ({@code apiVersion}, {@code kind}, {@code metadata}, {@code spec}, {@code data} ...), {@code id}
 * {@code Kind.namespace.name} as Checkov writes it
 * ({@link dev.cloudwarden.engine.posture.source.kubernetes.KubernetesIds}).
 */
package dev.cloudwarden.engine.posture.source.kubernetes;
