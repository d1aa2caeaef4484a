package dev.cloudwarden.app.posture.aws;

import dev.cloudwarden.engine.posture.source.aws.CredentialReport;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EntityType;
import software.amazon.awssdk.services.iam.model.GenerateCredentialReportResponse;
import software.amazon.awssdk.services.iam.model.ReportStateType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * IAM, once per account: {@code get-account-authorization-details} (users, groups, roles and the account's own
 * managed policies: AWS's managed policies are AWS's to judge, and would fail the admin check by design), each user
 * given its credential report row under {@code CredentialReport} (as Panther's users carry it) and the root user's
 * row added to the users; and the password policy, with the account id, an empty one when the account has none (so
 * "no policy" fails the policy's checks instead of passing unseen).
 *
 * <p>When the authorization details cannot be read, the report's users are left out too: without their inline
 * policies the inline-admin check would pass them unseen. The root user stands on the report alone.
 */
record IamScan(IamClient iam, Calls calls, Duration reportPause) {
    /** How many times to look at a credential report being generated before giving up (AWS takes seconds). */
    private static final int REPORT_POLLS = 30;

    static void scan(IamClient iam, Calls calls, String account, Duration reportPause, List<LiveDocument> out) {
        new IamScan(iam, calls, reportPause).all(account, out);
    }

    private void all(String account, List<LiveDocument> out) {
        Map<String, Object> details = calls.get("GetAccountAuthorizationDetails", () -> CliJson.merged(
                iam.getAccountAuthorizationDetailsPaginator(r -> r.filter(EntityType.USER, EntityType.ROLE,
                        EntityType.GROUP, EntityType.LOCAL_MANAGED_POLICY))));
        List<CredentialReport.Row> report = credentialReport();
        if (details != null || report != null) {
            Map<String, Object> users = details != null ? details : new LinkedHashMap<>();
            withReport(users, report);
            out.add(calls.document("GetAccountAuthorizationDetails", users));
        }
        Calls.Answer<Map<String, Object>> policy = calls.configured("GetAccountPasswordPolicy", Set.of("NoSuchEntity"),
                () -> CliJson.of(iam.getAccountPasswordPolicy().passwordPolicy()));
        if (!policy.failed()) {
            Map<String, Object> p = policy.value() != null ? policy.value() : new LinkedHashMap<>();
            p.put("AccountId", account);
            Map<String, Object> content = new LinkedHashMap<>();
            content.put("PasswordPolicy", p);
            out.add(calls.document("GetAccountPasswordPolicy", content));
        }
    }

    private static void withReport(Map<String, Object> details, List<CredentialReport.Row> report) {
        if (report == null) {
            return;
        }
        Map<Object, Map<String, Object>> rows = new HashMap<>();
        report.stream().filter(r -> !r.root()).forEach(r -> rows.put(r.attributes().get("UserName"), r.attributes()));
        List<Map<String, Object>> users = Ec2Scan.elements(details, "UserDetailList");
        for (Map<String, Object> user : users) {
            Map<String, Object> row = rows.get(user.get("UserName"));
            if (row != null) {
                user.put("CredentialReport", row.get("CredentialReport"));
            }
        }
        List<Object> all = new ArrayList<>(users);
        report.stream().filter(CredentialReport.Row::root).forEach(r -> all.add(new LinkedHashMap<>(r.attributes())));
        details.put("UserDetailList", all);
    }

    /** GenerateCredentialReport until it is complete, then GetCredentialReport; null when either fails. */
    private List<CredentialReport.Row> credentialReport() {
        for (int poll = 0; ; poll++) {
            GenerateCredentialReportResponse state = calls.get("GenerateCredentialReport", iam::generateCredentialReport);
            if (state == null) {
                return null;
            }
            if (state.state() == ReportStateType.COMPLETE) {
                break;
            }
            if (poll == REPORT_POLLS) {
                calls.fail("GenerateCredentialReport", "the report was still " + state.stateAsString() + " after "
                        + REPORT_POLLS + " polls");
                return null;
            }
            pause();
        }
        String csv = calls.get("GetCredentialReport", () -> iam.getCredentialReport().content().asUtf8String());
        return csv == null ? null : CredentialReport.rows(csv);
    }

    private void pause() {
        try {
            Thread.sleep(reportPause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AwsScanException("interrupted while IAM generated the credential report");
        }
    }
}
