package dev.cloudwarden.engine.sigma.load;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.RawRecord;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.run.AlertGrouping;
import dev.cloudwarden.engine.run.RunConfig;
import dev.cloudwarden.engine.run.RunResults;
import dev.cloudwarden.engine.sigma.eval.SigmaConfig;
import dev.cloudwarden.engine.alert.Level;
import dev.cloudwarden.engine.sigma.parse.RuleErrorCode;
import dev.cloudwarden.engine.sigma.ruletest.RuleTestFile;
import dev.cloudwarden.engine.sigma.ruletest.RuleTestRunner;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A user's rule replaces the built-in rule with its id; duplicates on one side stay errors. */
class RuleReplacementTest {
    /** SigmaHQ's "AWS ConsoleLogin Failed Authentication", which the built-in tuning lowers from medium to low. */
    private static final String TUNED_ID = "6393e346-1977-46ef-8987-ad414a145fad";
    private static final String USER_PATH = "sigma/rules/cloud/aws/cloudtrail/aws_cloudtrail_console_login_failed_authentication.yml";

    private static RuleFile builtInFile(String suffix) {
        return RuleFiles.builtIn().stream().filter(f -> f.name().endsWith(suffix)).findFirst().orElseThrow();
    }

    /** The built-in SigmaHQ rule's own text, as a user's newer checkout would hold it. */
    private static RuleFile userCopyOfTunedRule() {
        return new RuleFile(USER_PATH, builtInFile("/aws_cloudtrail_console_login_failed_authentication.yml").text());
    }

    private static RuleSet compile(List<RuleFile> files) {
        return RuleSet.compile(files, SigmaConfig.defaults(), RuleTuning.builtIn());
    }

    @Test
    void aUserRuleReplacesTheBuiltInRuleWithItsIdAndKeepsItsOwnLevel() {
        RuleSet builtIn = compile(RuleFiles.builtIn());
        assertThat(builtIn.rule(TUNED_ID).orElseThrow().rule().level()).isEqualTo(Level.LOW);

        List<RuleFile> files = new ArrayList<>(RuleFiles.builtIn());
        files.add(userCopyOfTunedRule());
        RuleSet set = compile(files);

        assertThat(set.errors()).isEmpty();
        assertThat(set.rules()).hasSameSizeAs(builtIn.rules());
        assertThat(set.rules()).filteredOn(r -> r.key().equals(TUNED_ID)).singleElement().satisfies(r -> {
            assertThat(r.rule().source().file()).isEqualTo(USER_PATH);
            // the tuning was written for the built-in text, not for the user's rule
            assertThat(r.rule().level()).isEqualTo(Level.MEDIUM);
        });
        assertThat(set.replacements()).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo(TUNED_ID);
            assertThat(r.title()).isEqualTo("AWS ConsoleLogin Failed Authentication");
            assertThat(r.builtIn().file()).isEqualTo("builtin:sigmahq/cloud/aws/cloudtrail/aws_cloudtrail_console_login_failed_authentication.yml");
            assertThat(r.replacement().file()).isEqualTo(USER_PATH);
        });
    }

    @Test
    void theUserRuleWinsWhateverTheFileOrder() {
        List<RuleFile> files = new ArrayList<>(List.of(userCopyOfTunedRule()));
        files.addAll(RuleFiles.builtIn());
        RuleSet set = compile(files);
        assertThat(set.errors()).isEmpty();
        assertThat(set.rule(TUNED_ID).orElseThrow().rule().source().file()).isEqualTo(USER_PATH);
        assertThat(set.replacements()).extracting(Replacement::id).containsExactly(TUNED_ID);
    }

    @Test
    void twoUserRulesWithOneIdAreStillAnError() {
        List<RuleFile> files = new ArrayList<>(RuleFiles.builtIn());
        files.add(userCopyOfTunedRule());
        files.add(new RuleFile("other/copy.yml", userCopyOfTunedRule().text()));
        RuleSet set = compile(files);
        assertThat(set.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(RuleErrorCode.DUPLICATE_ID);
            assertThat(e.toString()).isEqualTo("id '" + TUNED_ID + "' is also used by " + USER_PATH + ":1:1 at id, other/copy.yml:1:1");
        });
        assertThat(set.rule(TUNED_ID).orElseThrow().rule().source().file()).isEqualTo(USER_PATH);
    }

    @Test
    void twoBuiltInRulesWithOneIdAreStillAnErrorEvenWhenTheUserReplacesThem() {
        RuleFile builtIn = builtInFile("/aws_cloudtrail_console_login_failed_authentication.yml");
        RuleFile again = new RuleFile("builtin:again.yml", builtIn.text(), true);
        assertThat(compile(List.of(builtIn, again)).errors()).extracting(e -> e.code()).containsExactly(RuleErrorCode.DUPLICATE_ID);
        RuleSet replaced = compile(List.of(builtIn, again, userCopyOfTunedRule()));
        assertThat(replaced.errors()).extracting(e -> e.location().file()).containsExactly("builtin:again.yml");
        assertThat(replaced.replacements()).hasSize(1);
    }

    private static final String BUILT_IN_PACK = """
            title: Access key created
            id: 7a1d8c0e-0000-4000-8000-000000000001
            name: key_created
            level: low
            tags: [cloudwarden.a2]
            logsource: {product: aws, service: cloudtrail}
            detection:
                selection: {eventName: CreateAccessKey}
                condition: selection
            ---
            title: Keys created by the provisioning role
            filter:
                rules: [key_created]
                selection:
                    userIdentity.arn|endswith: ':role/provisioner'
                condition: selection
            logsource: {product: aws, service: cloudtrail}
            ---
            title: Many access keys created
            id: 7a1d8c0e-0000-4000-8000-000000000002
            level: high
            correlation:
                type: event_count
                rules: [key_created]
                group-by: [sourceIPAddress]
                timespan: 10m
                condition: {gte: 3}
            """;
    /** The user's version: same id, no name, and it only counts keys made for other users. */
    private static final String USER_RULE = """
            title: Access key created for another user
            id: 7a1d8c0e-0000-4000-8000-000000000001
            level: medium
            logsource: {product: aws, service: cloudtrail}
            detection:
                selection: {eventName: CreateAccessKey}
                other: {requestParameters.userName: '*'}
                condition: selection and other
            """;

    private static Event createAccessKey(int second, String arn, boolean forOtherUser) {
        Instant time = Instant.parse("2024-01-01T00:00:00Z").plusSeconds(second);
        String json = "{\"eventTime\":\"" + time + "\",\"eventName\":\"CreateAccessKey\",\"sourceIPAddress\":\"203.0.113.7\","
                + "\"userIdentity\":{\"arn\":\"" + arn + "\"}" + (forOtherUser ? ",\"requestParameters\":{\"userName\":\"bob\"}" : "")
                + ",\"n\":" + second + "}";
        return Event.builder(SourceType.CLOUDTRAIL, time, RawRecord.ofJson(json.getBytes(StandardCharsets.UTF_8))).build();
    }

    @Test
    void filtersAndCorrelationsNamingTheReplacedRuleGetTheUsersVersion() {
        RuleSet set = RuleSet.compile(List.of(new RuleFile("builtin:pack.yml", BUILT_IN_PACK, true),
                new RuleFile("mine/key_created.yml", USER_RULE)), SigmaConfig.defaults());
        assertThat(set.errors()).isEmpty();
        assertThat(set.rule("key_created")).hasValueSatisfying(r -> {
            assertThat(r.rule().title()).isEqualTo("Access key created for another user");
            assertThat(r.filters()).hasSize(1);
        });

        List<Event> events = new ArrayList<>();
        events.add(createAccessKey(0, "arn:aws:iam::1:role/provisioner", true)); // filtered out
        events.add(createAccessKey(1, "arn:aws:iam::1:user/mallory", false));   // not the user's rule
        for (int i = 2; i < 5; i++) {
            events.add(createAccessKey(i, "arn:aws:iam::1:user/mallory", true));
        }
        List<Alert> alerts = RunResults.of(RunConfig.of(set).withAllowedLateness(Duration.ZERO)
                .withGrouping(AlertGrouping.off()), events).alerts();
        // the correlation counted the three matches of the user's rule (generate is false, so they do not alert alone)
        assertThat(alerts).extracting(Alert::ruleTitle).containsExactly("Many access keys created");
        assertThat(alerts.get(0).events()).hasSize(3);
    }

    @Test
    void aUserCorrelationReplacesTheBuiltInCorrelationWithItsId() {
        String userCorrelation = """
                title: Many access keys created, stricter
                id: 7a1d8c0e-0000-4000-8000-000000000002
                level: critical
                correlation:
                    type: event_count
                    rules: [key_created]
                    group-by: [sourceIPAddress]
                    timespan: 10m
                    condition: {gte: 2}
                """;
        RuleSet set = RuleSet.compile(List.of(new RuleFile("builtin:pack.yml", BUILT_IN_PACK, true),
                new RuleFile("mine/correlation.yml", userCorrelation)), SigmaConfig.defaults());
        assertThat(set.errors()).isEmpty();
        assertThat(set.correlations()).extracting(c -> c.title()).containsExactly("Many access keys created, stricter");
        assertThat(set.replacements()).singleElement().satisfies(r -> {
            assertThat(r.title()).isEqualTo("Many access keys created");
            assertThat(r.replacement().file()).isEqualTo("mine/correlation.yml");
        });
    }

    @Test
    void theBuiltInTestsOfAReplacedRuleTestTheUsersVersion() {
        RuleSet set = RuleSet.compile(List.of(new RuleFile("builtin:pack.yml", BUILT_IN_PACK, true),
                new RuleFile("mine/key_created.yml", USER_RULE)), SigmaConfig.defaults());
        RuleTestFile tests = RuleTestFile.parse("builtin:pack.tests.yml", """
                tests:
                  - name: a key for oneself
                    match: true
                    event: {eventName: CreateAccessKey}
                """).file();
        // the built-in case expected the built-in rule's verdict; the user's rule wants a userName, so it fails
        assertThat(RuleTestRunner.run(set, List.of(tests))).singleElement().satisfies(o -> {
            assertThat(o.ruleKey()).isEqualTo("7a1d8c0e-0000-4000-8000-000000000001");
            assertThat(o.passed()).isFalse();
            assertThat(o.message()).isEqualTo("expected a match, the rule did not fire");
        });
    }

    @Test
    void withoutBuiltInFilesEveryDuplicateIsAnError() {
        RuleSet set = RuleSet.compile(List.of(new RuleFile("a.yml", USER_RULE), new RuleFile("b.yml", USER_RULE)),
                SigmaConfig.defaults());
        assertThat(set.replacements()).isEmpty();
        assertThat(set.errors()).extracting(e -> e.code()).containsExactly(RuleErrorCode.DUPLICATE_ID);
    }
}
