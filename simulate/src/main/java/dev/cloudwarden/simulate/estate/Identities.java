package dev.cloudwarden.simulate.estate;

import dev.cloudwarden.simulate.scenario.ConsoleBruteForce;
import dev.cloudwarden.simulate.scenario.SnapshotExfiltration;
import dev.cloudwarden.simulate.scenario.World;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The account's IAM users and the two roles the scenarios use, as AWS Config records them, and IAM's credential
 * report — the one place AWS says who has a console password, MFA and active keys (Config does not record them).
 *
 * <p>The people of {@link World#USERS} (the admins in {@code admins}) and the background's other human, with
 * passwords and MFA — except {@code dave}, whose password the T2 attacker guesses and whose console sign-in then
 * succeeds without MFA; the machine users, keys only ({@code ci-developer}, {@code deploy-bot}, {@code backup-svc},
 * {@code terraform}), whose keys the scenarios steal or create (T2 creates one for dave, A2 a second for backup-svc).
 * Roles: {@code data-pipeline}, the app host's instance role (A1 uses its credentials), and
 * {@code partner-integration}, trusting the partner's account only, with an external id (T4 abuses that trust).
 */
final class Identities {
    private static final String ADMINS = "admins";
    private static final String DEVELOPERS = "developers";
    private static final String PARTNER = "444400004444";

    /** One user: a person (password) or a machine (keys only); MFA only people can have. */
    private record User(String name, String group, boolean person, boolean mfa, int ageDays) {
    }

    private final Timeline time;
    private final List<User> users = new ArrayList<>();

    Identities(Timeline time) {
        this.time = time;
        int age = 900;
        for (String name : World.USERS) {
            users.add(new User(name, World.ADMINS.contains(name) ? ADMINS : DEVELOPERS, true, !name.equals("dave"), age));
            age -= 60;
        }
        users.add(new User("ivan", DEVELOPERS, true, true, 200));
        for (String machine : List.of("ci-developer", "deploy-bot", "backup-svc", "terraform")) {
            users.add(new User(machine, null, false, false, age));
            age -= 30;
        }
    }

    List<ConfigItem> items() {
        List<ConfigItem> items = new ArrayList<>();
        for (User u : users) {
            items.add(user(u));
        }
        items.add(role("data-pipeline", "Lets the app host read and write the finance records",
                trust(Obj.of("Service", "ec2.amazonaws.com"), null), "arn:aws:iam::aws:policy/AmazonS3FullAccess", 900));
        items.add(role("partner-integration", "The partner's nightly sync",
                trust(Obj.of("AWS", "arn:aws:iam::" + PARTNER + ":root"),
                        Obj.of("StringEquals", Obj.of("sts:ExternalId", "acme-partner-sync-7f3a"))),
                "arn:aws:iam::aws:policy/AmazonRDSReadOnlyAccess", 500));
        return items;
    }

    private ConfigItem user(User u) {
        String arn = arn("user", u.name());
        List<Object> policies = u.group() != null ? List.of()
                : List.of(Obj.of("policyName", "PowerUserAccess", "policyArn", "arn:aws:iam::aws:policy/PowerUserAccess"));
        Map<String, Object> c = Obj.of("path", "/", "userName", u.name(), "userId", id("AIDA", u.name()), "arn", arn,
                "createDate", Timeline.iso(time.daysBefore(u.ageDays())), "userPolicyList", List.of(),
                "groupList", u.group() == null ? List.of() : List.of(u.group()), "attachedManagedPolicies", policies,
                "permissionsBoundary", null, "tags", List.of());
        ConfigItem item = ConfigItem.of("AWS::IAM::User", id("AIDA", u.name()), u.name(), arn, "global",
                "Not Applicable", time.start(), c);
        return u.group() == null ? item : item.related("Is attached to Group", "AWS::IAM::Group", id("AGPA", u.group()), u.group());
    }

    private ConfigItem role(String name, String description, String trust, String policyArn, int ageDays) {
        String arn = arn("role", name);
        Map<String, Object> c = Obj.of("path", "/", "roleName", name, "roleId", id("AROA", name), "arn", arn,
                "createDate", Timeline.iso(time.daysBefore(ageDays)), "description", description,
                // Config gives policy documents URL-encoded, as IAM returns them
                "assumeRolePolicyDocument", URLEncoder.encode(trust, StandardCharsets.UTF_8),
                "instanceProfileList", List.of(), "rolePolicyList", List.of(),
                "attachedManagedPolicies", List.of(Obj.of("policyName", policyArn.substring(policyArn.lastIndexOf('/') + 1),
                        "policyArn", policyArn)),
                "permissionsBoundary", null, "tags", List.of());
        return ConfigItem.of("AWS::IAM::Role", id("AROA", name), name, arn, "global", "Not Applicable", time.start(), c)
                .related("Is attached to CustomerManagedPolicy", "AWS::IAM::Policy", policyArn, null);
    }

    /** IAM's credential report as {@code get-credential-report} delivers it (the decoded CSV). */
    String credentialReport() {
        StringBuilder csv = new StringBuilder("user,arn,user_creation_time,password_enabled,password_last_used,"
                + "password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,"
                + "access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
                + "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,"
                + "access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated\n");
        String created = reportTime(time.daysBefore(1200));
        csv.append(String.join(",", "<root_account>", "arn:aws:iam::" + World.ACCOUNT + ":root", created, "not_supported",
                reportTime(time.daysBefore(90)), "not_supported", "not_supported", "true", "false", "N/A", "N/A", "N/A",
                "N/A", "false", "N/A", "N/A", "N/A", "N/A", "false", "N/A", "false", "N/A")).append('\n');
        for (User u : users) {
            csv.append(row(u)).append('\n');
        }
        return csv.toString();
    }

    private String row(User u) {
        String created = reportTime(time.daysBefore(u.ageDays()));
        // T2 leaves dave with the key the attacker created; machine users have had a key since they were created
        Instant key1 = u.person() ? (u.name().equals("dave")
                ? (time.ran(ConsoleBruteForce.ID) ? time.changedBy(ConsoleBruteForce.ID) : null)
                : time.daysBefore(u.ageDays() - 1)) : time.daysBefore(u.ageDays());
        // A2 leaves backup-svc with a second key, the attacker's
        Instant key2 = u.name().equals("backup-svc") && time.ran(SnapshotExfiltration.ID)
                ? time.changedBy(SnapshotExfiltration.ID) : null;
        List<String> cells = new ArrayList<>(List.of(u.name(), arn("user", u.name()), created));
        if (u.person()) {
            cells.addAll(List.of("true", reportTime(time.start()), created, "N/A"));
        } else {
            cells.addAll(List.of("false", "N/A", "N/A", "N/A"));
        }
        cells.add(String.valueOf(u.mfa()));
        cells.addAll(key(key1));
        cells.addAll(key(key2));
        cells.addAll(List.of("false", "N/A", "false", "N/A"));
        return String.join(",", cells);
    }

    /** A key's five columns: active, last rotated, and when, where and on what it was last used (not reported here). */
    private static List<String> key(Instant created) {
        return created == null ? List.of("false", "N/A", "N/A", "N/A", "N/A")
                : List.of("true", reportTime(created), "no_information", "N/A", "N/A");
    }

    /** The credential report's time form ({@code 2026-11-20T00:00:00+00:00}). */
    private static String reportTime(Instant t) {
        return Timeline.iso(t).replace(".000Z", "+00:00").replaceAll("\\.\\d{3}Z$", "+00:00");
    }

    private static String trust(Map<String, Object> principal, Map<String, Object> condition) {
        Map<String, Object> statement = Obj.of("Effect", "Allow", "Principal", principal, "Action", "sts:AssumeRole");
        if (condition != null) {
            statement.put("Condition", condition);
        }
        return Obj.text(Obj.of("Version", "2012-10-17", "Statement", List.of(statement)));
    }

    /** IAM's unique ids: a prefix by kind and 17 upper-case characters, here derived from the name. */
    private static String id(String prefix, String name) {
        String letters = name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        return prefix + (letters + "EXAMPLE0000000000").substring(0, 17);
    }

    private static String arn(String kind, String name) {
        return "arn:aws:iam::" + World.ACCOUNT + ":" + kind + "/" + name;
    }
}
