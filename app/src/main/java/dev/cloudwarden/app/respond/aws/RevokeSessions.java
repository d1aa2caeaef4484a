package dev.cloudwarden.app.respond.aws;

import dev.cloudwarden.app.respond.action.ActionContext;
import dev.cloudwarden.app.respond.action.ActionException;
import dev.cloudwarden.app.respond.action.ApiCall;
import dev.cloudwarden.app.respond.action.Effect;
import dev.cloudwarden.app.respond.action.StepOutcome;
import dev.cloudwarden.app.respond.action.StepPlan;
import dev.cloudwarden.engine.incident.Entity;
import dev.cloudwarden.engine.incident.EntityType;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.GetRolePolicyResponse;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code aws.iam.revoke_sessions}: what the IAM console's "Revoke active sessions" does, as AWS documents it — an
 * inline policy {@value #POLICY} on the role denying everything to credentials issued before now
 * ({@code DateLessThan aws:TokenIssueTime}). Stolen temporary credentials cannot be revoked one by one; this ends them
 * all while new sessions (the workload re-assuming the role) keep working.
 *
 * <p>A rerun leaves a policy already there when its time is after the incident's last alert: every session the
 * attacker could have had is already cut off, and moving the time on would cut off the role's new, legitimate
 * sessions for nothing.
 */
final class RevokeSessions extends AwsAction {
    static final String NAME = "aws.iam.revoke_sessions";
    static final String POLICY = "AWSRevokeOlderSessions";
    private static final Pattern ISSUE_TIME = Pattern.compile("\"aws:TokenIssueTime\"\\s*:\\s*\"([^\"]+)\"");

    RevokeSessions() {
        super(NAME, "Deny a role's sessions issued before now (AWSRevokeOlderSessions), revoking stolen temporary credentials",
                Effect.CONTAINMENT, EntityType.PRINCIPAL, Map.of());
    }

    /** The documented policy, denying credentials issued before {@code issuedBefore} (ISO 8601). */
    static String document(String issuedBefore) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":[\"*\"],\"Resource\":[\"*\"],"
                + "\"Condition\":{\"DateLessThan\":{\"aws:TokenIssueTime\":\"" + issuedBefore + "\"}}}]}";
    }

    /** Roles and their sessions: an IAM user's keys are disabled by aws.iam.deactivate_access_key instead. */
    @Override
    public boolean accepts(Entity target) {
        return super.accepts(target) && (target.value().contains(":role/") || target.value().contains(":assumed-role/"));
    }

    /** The role of {@code arn:aws:iam::1:role/path/name} or {@code arn:aws:sts::1:assumed-role/name/session}. */
    static String roleName(String arn) throws ActionException {
        int role = arn.indexOf(":role/");
        if (role >= 0) {
            String path = arn.substring(role + ":role/".length());
            return path.substring(path.lastIndexOf('/') + 1);
        }
        int assumed = arn.indexOf(":assumed-role/");
        if (assumed >= 0) {
            return arn.substring(assumed + ":assumed-role/".length()).split("/")[0];
        }
        throw new ActionException(NAME + " needs a role or assumed-role ARN, not " + arn
                + " (a user's keys are deactivated with " + DeactivateAccessKey.NAME + ")");
    }

    @Override
    public StepPlan plan(Entity target, Map<String, String> params, ActionContext context) {
        String role;
        try {
            role = roleName(target.value());
        } catch (ActionException e) {
            return StepPlan.of().withNote(e.getMessage());
        }
        return StepPlan.of(ApiCall.of("iam", "GetRolePolicy", "RoleName", role, "PolicyName", POLICY),
                        ApiCall.of("iam", "PutRolePolicy", "RoleName", role, "PolicyName", POLICY,
                                "PolicyDocument", document(unknown("the time the step runs"))))
                .withNote("Every session of " + role + " issued before the step runs is denied; the workload's new sessions work.");
    }

    @Override
    public StepOutcome execute(Entity target, Map<String, String> params, ActionContext context) throws ActionException {
        requireTarget(target);
        String role = roleName(target.value());
        IamClient iam = clients(context).iam();
        Optional<GetRolePolicyResponse> existing = AwsCall.orAbsent(context,
                ApiCall.of("iam", "GetRolePolicy", "RoleName", role, "PolicyName", POLICY),
                () -> iam.getRolePolicy(r -> r.roleName(role).policyName(POLICY)), r -> "present", Set.of("NoSuchEntity"));
        Optional<Instant> cutoff = existing.flatMap(r -> issueTime(r.policyDocument()));
        if (cutoff.isPresent() && cutoff.get().isAfter(context.incident().last())) {
            return new StepOutcome(Map.of("role", role, "revoked_before", cutoff.get().toString()),
                    "sessions of " + role + " issued before " + cutoff.get() + " already denied");
        }
        Instant now = context.clock().instant().truncatedTo(ChronoUnit.SECONDS);
        String doc = document(now.toString());
        AwsCall.run(context, ApiCall.of("iam", "PutRolePolicy", "RoleName", role, "PolicyName", POLICY, "PolicyDocument", doc),
                () -> iam.putRolePolicy(r -> r.roleName(role).policyName(POLICY).policyDocument(doc)), r -> "put");
        return new StepOutcome(Map.of("role", role, "revoked_before", now.toString()),
                "sessions of " + role + " issued before " + now + " denied");
    }

    /** IAM returns policy documents URL-encoded. */
    private static Optional<Instant> issueTime(String encoded) {
        Matcher m = ISSUE_TIME.matcher(URLDecoder.decode(encoded, StandardCharsets.UTF_8));
        return m.find() ? Optional.of(Instant.parse(m.group(1))) : Optional.empty();
    }
}
