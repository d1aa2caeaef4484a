package dev.cloudwarden.simulate.cloud;

import dev.cloudwarden.simulate.cloud.CloudState.AccessKey;
import dev.cloudwarden.simulate.cloud.CloudState.AutoScalingGroup;
import dev.cloudwarden.simulate.cloud.CloudState.ClassicLoadBalancer;
import dev.cloudwarden.simulate.cloud.CloudState.Instance;
import dev.cloudwarden.simulate.cloud.CloudState.Role;
import dev.cloudwarden.simulate.cloud.CloudState.TargetGroup;
import dev.cloudwarden.simulate.cloud.CloudState.User;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * IAM, STS, Auto Scaling and both load balancer APIs over plain AWS Query: {@code member} lists, a
 * {@code <Action>Result} inside {@code <Action>Response}, the request id in {@code ResponseMetadata}.
 */
final class QueryApi {
    /** The services by the name their requests are signed with (both load balancer APIs sign as one, told apart by version). */
    static final Map<String, String> NAMESPACES = Map.of(
            "iam", "https://iam.amazonaws.com/doc/2010-05-08/",
            "sts", "https://sts.amazonaws.com/doc/2011-06-15/",
            "autoscaling", "http://autoscaling.amazonaws.com/doc/2011-01-01/",
            "elbv2", "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/",
            "elb", "http://elasticloadbalancing.amazonaws.com/doc/2012-06-01/");
    private final CloudState s;
    private final String account;

    QueryApi(CloudState state, String account) {
        this.s = state;
        this.account = account;
    }

    String handle(String service, String action, Form f, String requestId) {
        Xml x = new Xml(action + "Response", NAMESPACES.get(service));
        x.open(action + "Result");
        switch (service + ":" + action) {
            case "sts:GetCallerIdentity" -> x.leaf("Arn", "arn:aws:iam::" + account + ":user/responder")
                    .leaf("UserId", "AIDARESPONDER000000").leaf("Account", account);
            case "iam:GetAccessKeyLastUsed" -> {
                AccessKey k = key(f.required("AccessKeyId"));
                x.leaf("UserName", k.user).open("AccessKeyLastUsed").leaf("Region", "us-east-1")
                        .leaf("ServiceName", "s3").leaf("LastUsedDate", "2026-12-01T10:00:00Z").close();
            }
            case "iam:ListAccessKeys" -> {
                String user = user(f.required("UserName")).name;
                x.open("AccessKeyMetadata");
                s.keys.values().stream().filter(k -> k.user.equals(user)).forEach(k -> x.open("member")
                        .leaf("UserName", k.user).leaf("AccessKeyId", k.id).leaf("Status", k.status)
                        .leaf("CreateDate", "2026-01-01T00:00:00Z").close());
                x.close().leaf("IsTruncated", false);
            }
            case "iam:UpdateAccessKey" -> {
                AccessKey k = key(f.required("AccessKeyId"));
                String status = f.required("Status");
                if (!status.equals("Active") && !status.equals("Inactive")) {
                    throw AwsFault.invalid("ValidationError", "Status must be Active or Inactive");
                }
                k.status = status;
            }
            case "iam:DeleteAccessKey" -> s.keys.remove(key(f.required("AccessKeyId")).id);
            case "iam:PutUserPolicy" -> user(f.required("UserName")).policies.put(f.required("PolicyName"), f.required("PolicyDocument"));
            case "iam:GetUserPolicy" -> policy(x, "UserName", user(f.required("UserName")).name,
                    user(f.get("UserName")).policies, f.required("PolicyName"));
            case "iam:DeleteUserPolicy" -> removePolicy(user(f.required("UserName")).policies, f.required("PolicyName"));
            case "iam:TagUser" -> {
                User u = user(f.required("UserName"));
                for (int i = 1; i <= f.count("Tags.member"); i++) {
                    u.tags.put(f.get("Tags.member." + i + ".Key"), f.get("Tags.member." + i + ".Value"));
                }
            }
            case "iam:UntagUser" -> f.list("TagKeys.member").forEach(user(f.required("UserName")).tags::remove);
            case "iam:ListUserTags" -> {
                x.open("Tags");
                user(f.required("UserName")).tags.forEach((k, v) -> x.open("member").leaf("Key", k).leaf("Value", v).close());
                x.close().leaf("IsTruncated", false);
            }
            case "iam:PutRolePolicy" -> role(f.required("RoleName")).policies.put(f.required("PolicyName"), f.required("PolicyDocument"));
            case "iam:GetRolePolicy" -> policy(x, "RoleName", role(f.required("RoleName")).name,
                    role(f.get("RoleName")).policies, f.required("PolicyName"));
            case "iam:DeleteRolePolicy" -> removePolicy(role(f.required("RoleName")).policies, f.required("PolicyName"));
            case "autoscaling:DescribeAutoScalingInstances" -> describeScalingInstances(f, x);
            case "autoscaling:DetachInstances" -> detach(f, x);
            case "elbv2:DescribeTargetGroups" -> {
                x.open("TargetGroups");
                s.targetGroups.values().forEach(t -> x.open("member").leaf("TargetGroupArn", t.arn)
                        .leaf("TargetGroupName", t.name).leaf("Protocol", "HTTP").leaf("Port", t.port)
                        .leaf("VpcId", t.vpcId).leaf("TargetType", "instance").close());
                x.close();
            }
            case "elbv2:DescribeTargetHealth" -> {
                TargetGroup t = targetGroup(f.required("TargetGroupArn"));
                x.open("TargetHealthDescriptions");
                t.targets.forEach(id -> x.open("member").open("Target").leaf("Id", id).leaf("Port", t.port).close()
                        .leaf("HealthCheckPort", t.port).open("TargetHealth").leaf("State", "healthy").close().close());
                x.close();
            }
            case "elbv2:DeregisterTargets" -> {
                TargetGroup t = targetGroup(f.required("TargetGroupArn"));
                for (int i = 1; i <= f.count("Targets.member"); i++) {
                    t.targets.remove(f.get("Targets.member." + i + ".Id"));
                }
            }
            case "elb:DescribeLoadBalancers" -> {
                x.open("LoadBalancerDescriptions");
                s.classicLoadBalancers.values().forEach(lb -> {
                    x.open("member").leaf("LoadBalancerName", lb.name).open("Instances");
                    lb.instances.forEach(id -> x.open("member").leaf("InstanceId", id).close());
                    x.close().close();
                });
                x.close();
            }
            case "elb:DeregisterInstancesFromLoadBalancer" -> {
                ClassicLoadBalancer lb = s.classicLoadBalancers.get(f.required("LoadBalancerName"));
                if (lb == null) {
                    throw AwsFault.invalid("LoadBalancerNotFound", "There is no ACTIVE Load Balancer named '"
                            + f.get("LoadBalancerName") + "'");
                }
                for (int i = 1; i <= f.count("Instances.member"); i++) {
                    lb.instances.remove(f.get("Instances.member." + i + ".InstanceId"));
                }
                x.open("Instances");
                lb.instances.forEach(id -> x.open("member").leaf("InstanceId", id).close());
                x.close();
            }
            default -> throw AwsFault.invalid("InvalidAction", "Could not find operation " + action + " for version "
                    + f.get("Version"));
        }
        x.close().open("ResponseMetadata").leaf("RequestId", requestId).close();
        return x.done();
    }

    private AccessKey key(String id) {
        AccessKey k = s.keys.get(id);
        if (k == null) {
            throw AwsFault.notFound("NoSuchEntity", "The Access Key with id " + id + " cannot be found.");
        }
        return k;
    }

    private User user(String name) {
        User u = s.users.get(name);
        if (u == null) {
            throw AwsFault.notFound("NoSuchEntity", "The user with name " + name + " cannot be found.");
        }
        return u;
    }

    private Role role(String name) {
        Role r = s.roles.get(name);
        if (r == null) {
            throw AwsFault.notFound("NoSuchEntity", "The role with name " + name + " cannot be found.");
        }
        return r;
    }

    /** IAM returns a policy document URL-encoded (RFC 3986), as the API reference says. */
    private static void policy(Xml x, String ownerElement, String owner, Map<String, String> policies, String name) {
        String doc = policies.get(name);
        if (doc == null) {
            throw AwsFault.notFound("NoSuchEntity", "The policy with name " + name + " cannot be found.");
        }
        x.leaf(ownerElement, owner).leaf("PolicyName", name)
                .leaf("PolicyDocument", URLEncoder.encode(doc, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    private static void removePolicy(Map<String, String> policies, String name) {
        if (policies.remove(name) == null) {
            throw AwsFault.notFound("NoSuchEntity", "The policy with name " + name + " cannot be found.");
        }
    }

    private void describeScalingInstances(Form f, Xml x) {
        List<String> ids = f.list("InstanceIds.member");
        x.open("AutoScalingInstances");
        for (AutoScalingGroup g : s.autoScalingGroups.values()) {
            for (String id : g.instances) {
                if (ids.isEmpty() || ids.contains(id)) {
                    Instance i = s.instances.get(id);
                    x.open("member").leaf("InstanceId", id).leaf("InstanceType", i == null ? null : i.type)
                            .leaf("AutoScalingGroupName", g.name).leaf("AvailabilityZone", i == null ? null : i.zone)
                            .leaf("LifecycleState", "InService").leaf("HealthStatus", "HEALTHY")
                            .leaf("ProtectedFromScaleIn", false).close();
                }
            }
        }
        x.close();
    }

    /** Without decrementing the desired capacity the group launches a replacement, as Auto Scaling does. */
    private void detach(Form f, Xml x) {
        AutoScalingGroup g = s.autoScalingGroups.get(f.required("AutoScalingGroupName"));
        if (g == null) {
            throw AwsFault.invalid("ValidationError", "AutoScalingGroup name not found - " + f.get("AutoScalingGroupName"));
        }
        boolean decrement = f.flag("ShouldDecrementDesiredCapacity");
        x.open("Activities");
        for (String id : f.list("InstanceIds.member")) {
            if (!g.instances.remove(id)) {
                throw AwsFault.invalid("ValidationError", "The instance " + id + " is not part of Auto Scaling group " + g.name + ".");
            }
            if (decrement) {
                g.desired--;
            } else {
                Instance old = s.instance(id);
                Instance replacement = new Instance(s.newId("i"));
                replacement.imageId = old.imageId;
                replacement.type = old.type;
                replacement.subnetId = old.subnetId;
                replacement.vpcId = old.vpcId;
                replacement.zone = old.zone;
                replacement.launchTemplateId = g.launchTemplateId;
                replacement.tags.put("aws:autoscaling:groupName", g.name);
                s.instances.put(replacement.id, replacement);
                g.instances.add(replacement.id);
            }
            x.open("member").leaf("ActivityId", s.newId("act")).leaf("AutoScalingGroupName", g.name)
                    .leaf("Description", "Detaching EC2 instance: " + id)
                    .leaf("Cause", "At " + Instant.now() + " instance " + id + " was detached in response to a user request.")
                    .leaf("StartTime", Instant.now().toString()).leaf("StatusCode", "InProgress").leaf("Progress", 50).close();
        }
        x.close();
    }

    private TargetGroup targetGroup(String arn) {
        TargetGroup t = s.targetGroups.get(arn);
        if (t == null) {
            throw AwsFault.invalid("TargetGroupNotFound", "Target groups '" + arn + "' not found");
        }
        return t;
    }
}
