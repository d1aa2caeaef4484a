package dev.cloudwarden.engine.sigma;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.RawRecord;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.sigma.eval.SigmaConfig;
import dev.cloudwarden.engine.sigma.load.RuleFile;
import dev.cloudwarden.engine.sigma.load.RuleSet;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Sigma filters (meta-rules) drop the matches of the rules they name when their detection holds. */
class FilterTest {
    private static final String RULE = """
            title: IAM user created
            id: 6f3e2987-db24-4c78-a860-b4f4095a7095
            name: iam_user_created
            level: medium
            logsource:
                product: aws
                service: cloudtrail
            detection:
                selection:
                    eventSource: iam.amazonaws.com
                    eventName: CreateUser
                condition: selection
            """;
    private static final String FILTER = """
            title: Provisioning pipeline creates users
            logsource:
                product: aws
                service: cloudtrail
            filter:
                rules:
                    - iam_user_created
                selection:
                    userIdentity.arn|endswith: ':role/terraform'
                condition: selection
            """;

    private static Event event(String arn) {
        String json = "{\"eventVersion\":\"1.08\",\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\"CreateUser\","
                + "\"userIdentity\":{\"arn\":\"" + arn + "\"}}";
        return Event.builder(SourceType.CLOUDTRAIL, Instant.parse("2024-01-01T00:00:00Z"),
                RawRecord.ofJson(json.getBytes(StandardCharsets.UTF_8))).build();
    }

    @Test
    void aFilterSilencesTheMatchesItDescribesOnly() {
        RuleSet set = RuleSet.compile(List.of(new RuleFile("rule.yml", RULE), new RuleFile("filter.yml", FILTER)),
                SigmaConfig.defaults());
        assertThat(set.errors()).isEmpty();
        List<Alert> alerts = new ArrayList<>();
        Detector detector = new Detector(set);
        detector.process(event("arn:aws:iam::1:role/terraform"), alerts::add);
        assertThat(alerts).isEmpty();
        detector.process(event("arn:aws:iam::1:user/mallory"), alerts::add);
        assertThat(alerts).extracting(Alert::ruleTitle).containsExactly("IAM user created");
    }

    @Test
    void aFilterNamingAnUnknownRuleIsAnError() {
        RuleSet set = RuleSet.compile(List.of(new RuleFile("filter.yml", FILTER)), SigmaConfig.defaults());
        assertThat(set.errors()).singleElement().satisfies(e -> assertThat(e.toString())
                .isEqualTo("filter 'Provisioning pipeline creates users' names rule 'iam_user_created', which is not loaded at filter.rules, filter.yml:1:1"));
    }
}
