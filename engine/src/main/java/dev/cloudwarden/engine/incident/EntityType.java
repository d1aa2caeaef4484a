package dev.cloudwarden.engine.incident;

import java.util.Locale;

/** What an {@link Entity} names. The declaration order is the order entities are listed in. */
public enum EntityType {
    /** A user, role, session or service account: the ARN, user principal name, e-mail or user name. */
    PRINCIPAL,
    /** An access key id ({@code AKIA...}, {@code ASIA...}). */
    ACCESS_KEY,
    /** A network address (canonical text; IPv4-mapped IPv6 is written as IPv4). */
    IP,
    /** A virtual machine ({@code i-0abc...}, a VM resource id). */
    INSTANCE,
    /** A host known by name (the syslog host of an sshd line, a Docker daemon, a web virtual host). */
    HOST,
    /** A storage bucket, by name (S3 object ARNs are cut down to their bucket). */
    BUCKET,
    /** A Kubernetes, ECS, EMR or YARN cluster. */
    CLUSTER,
    /** A workload with an id unique to it: a YARN application (its containers are read as their application). */
    WORKLOAD,
    /** A cloud account, subscription, tenant or project. */
    ACCOUNT,
    /** A cloud region or location ({@code us-east-1}, {@code westeurope}): where the events happened, never linking. */
    REGION,
    /** Any other resource the events name (security groups, snapshots, keys, containers...), as {@code type:id}. */
    RESOURCE;

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
