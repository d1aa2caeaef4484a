package dev.cloudwarden.engine.posture.scan;

import dev.cloudwarden.engine.incident.Entity;
import dev.cloudwarden.engine.incident.EntityType;
import dev.cloudwarden.engine.posture.model.ConfigResource;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a configured resource is in the words of the incident engine: the entities its events would carry, written
 * exactly as {@link dev.cloudwarden.engine.incident.EntityExtractor} writes them, so a finding on a bucket joins the
 * incident about that bucket. A bucket is its lower-case name; an instance its id; an IAM user or role its ARN and
 * {@code AWS::IAM::User:name} (CloudTrail names users in request parameters); anything else of AWS
 * {@code type:id} and {@code type:arn}; a Kubernetes object {@code deployments:namespace/name} as the audit log types
 * it (a pod also as its exec, attach, port-forward and ephemeral-container subresources);
 * account-wide settings (the root user, the password policy, trails, recorders, detectors) the account.
 *
 * <p>Only what the configuration states: a Terraform instance has no id before it is created, so it names nothing
 * (a plan's prior state gives {@code id}); a value left unknown names nothing.
 */
public final class ResourceEntities {
    /** AWS types whose findings concern the whole account rather than one resource an event would name. */
    private static final Set<String> ACCOUNT_WIDE = Set.of("AWS::IAM::RootUser", "AWS::IAM::AccountPasswordPolicy",
            "AWS::CloudTrail::Trail", "AWS::Config::ConfigurationRecorder", "AWS::Config::Recorder::Meta",
            "AWS::GuardDuty::Detector", "AWS::GuardDuty::Detector::Meta");
    /** Kubernetes kinds that live outside namespaces: the audit log names them without one. */
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "Node", "PersistentVolume", "ClusterRole",
            "ClusterRoleBinding", "PodSecurityPolicy", "CustomResourceDefinition", "StorageClass",
            "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "PriorityClass", "APIService");

    /** What attackers do to a running pod, as the audit log names it: a pod's finding joins those incidents too. */
    private static final List<String> POD_SUBRESOURCES = List.of("exec", "attach", "portforward", "ephemeralcontainers");

    private ResourceEntities() {
    }

    /**
     * Whether a finding on {@code e} says something about one incident rather than every incident of an account: an
     * account-wide setting (log validation off) is on the posture page, not on each CloudTrail incident's.
     */
    public static boolean pointsAtOneResource(Entity e) {
        return e.type() != EntityType.ACCOUNT;
    }

    /** The entities of {@code r}, sorted and distinct; empty when its configuration names none. */
    public static List<Entity> of(ConfigResource r) {
        TreeSet<Entity> out = new TreeSet<>();
        switch (r.framework()) {
            case AWS -> aws(r, out);
            case TERRAFORM -> terraform(r, out);
            case CLOUDFORMATION -> cloudFormation(r, out);
            case KUBERNETES -> kubernetes(r, out);
            default -> {
                // ARM, Dockerfiles, daemon.json and Hadoop files describe hosts and templates by names no event carries
            }
        }
        return List.copyOf(out);
    }

    private static void aws(ConfigResource r, TreeSet<Entity> out) {
        String type = r.type();
        String arn = text(r, "Arn");
        switch (type) {
            case "AWS::S3::Bucket" -> bucket(r.name(), out);
            case "AWS::EC2::Instance" -> add(out, EntityType.INSTANCE, r.name());
            case "AWS::IAM::User", "AWS::IAM::Role" -> {
                add(out, EntityType.PRINCIPAL, arn);
                add(out, EntityType.RESOURCE, type + ":" + r.name());
            }
            case "AWS::IAM::RootUser" -> {
                String account = text(r, "AccountId");
                if (account != null) {
                    add(out, EntityType.PRINCIPAL, "arn:aws:iam::" + account + ":root");
                }
            }
            default -> {
                add(out, EntityType.RESOURCE, type + ":" + r.name());
                if (arn != null) {
                    add(out, EntityType.RESOURCE, type + ":" + arn);
                }
                String trailArn = text(r, "TrailARN");
                if (trailArn != null) {
                    add(out, EntityType.RESOURCE, type + ":" + trailArn);
                }
            }
        }
        if (ACCOUNT_WIDE.contains(type)) {
            add(out, EntityType.ACCOUNT, text(r, "AccountId"));
        }
    }

    private static void terraform(ConfigResource r, TreeSet<Entity> out) {
        String type = r.type();
        if (type.equals("aws_s3_bucket") || type.startsWith("aws_s3_bucket_")) {
            bucket(text(r, "bucket"), out);
        } else if (type.equals("google_storage_bucket")) {
            bucket(text(r, "name"), out);
        } else if (type.equals("aws_instance")) {
            add(out, EntityType.INSTANCE, text(r, "id"));
        } else if (type.equals("aws_iam_user")) {
            named(out, "AWS::IAM::User", text(r, "name"), text(r, "arn"));
        } else if (type.equals("aws_iam_role")) {
            named(out, "AWS::IAM::Role", text(r, "name"), text(r, "arn"));
        } else if (type.equals("aws_security_group")) {
            resource(out, "AWS::EC2::SecurityGroup", text(r, "id"));
        } else if (type.equals("aws_cloudtrail")) {
            resource(out, "AWS::CloudTrail::Trail", text(r, "name"));
            resource(out, "AWS::CloudTrail::Trail", text(r, "arn"));
        }
    }

    private static void cloudFormation(ConfigResource r, TreeSet<Entity> out) {
        switch (r.type()) {
            case "AWS::S3::Bucket" -> bucket(text(r, "BucketName"), out);
            case "AWS::IAM::User" -> named(out, "AWS::IAM::User", text(r, "UserName"), null);
            case "AWS::IAM::Role" -> named(out, "AWS::IAM::Role", text(r, "RoleName"), null);
            case "AWS::CloudTrail::Trail" -> resource(out, "AWS::CloudTrail::Trail", text(r, "TrailName"));
            default -> {
            }
        }
    }

    private static void kubernetes(ConfigResource r, TreeSet<Entity> out) {
        String kind = text(r, "kind");
        String name = text(r, "metadata.name");
        if (kind == null || name == null) {
            return;
        }
        String namespace = text(r, "metadata.namespace");
        String qualified = CLUSTER_SCOPED.contains(kind) ? name
                : (namespace == null ? "default" : namespace) + "/" + name;
        add(out, EntityType.RESOURCE, plural(kind) + ":" + qualified);
        if (kind.equals("Pod")) {
            // the audit log types a shell, attach or port-forward into a pod by its subresource
            for (String sub : POD_SUBRESOURCES) {
                add(out, EntityType.RESOURCE, "pods/" + sub + ":" + qualified);
            }
        }
    }

    /** The API's resource name of a kind: {@code Pod} → {@code pods}, {@code NetworkPolicy} → {@code networkpolicies}. */
    static String plural(String kind) {
        String k = kind.toLowerCase(Locale.ROOT);
        if (k.endsWith("y") && !k.endsWith("ay") && !k.endsWith("ey")) {
            return k.substring(0, k.length() - 1) + "ies";
        }
        if (k.endsWith("s") || k.endsWith("x")) {
            return k + "es";
        }
        return k + "s";
    }

    private static void named(TreeSet<Entity> out, String type, String name, String arn) {
        resource(out, type, name);
        add(out, EntityType.PRINCIPAL, arn);
    }

    private static void resource(TreeSet<Entity> out, String type, String id) {
        if (id != null) {
            add(out, EntityType.RESOURCE, type + ":" + id);
        }
    }

    private static void bucket(String name, TreeSet<Entity> out) {
        if (name != null) {
            add(out, EntityType.BUCKET, name.toLowerCase(Locale.ROOT));
        }
    }

    private static void add(TreeSet<Entity> out, EntityType type, String value) {
        if (value != null && !value.isBlank()) {
            out.add(new Entity(type, value.strip()));
        }
    }

    /** A plain string at {@code path}; null when absent, unknown (an unresolved variable) or not a string. */
    private static String text(ConfigResource r, String path) {
        return r.at(path) instanceof String s && !s.isBlank() ? s : null;
    }
}
