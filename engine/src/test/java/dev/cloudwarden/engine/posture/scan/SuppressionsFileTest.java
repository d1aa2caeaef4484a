package dev.cloudwarden.engine.posture.scan;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A suppressions file as a person writes it: every mistake named by file, line and reason. */
class SuppressionsFileTest {
    private static final String TWO = """
            # accepted failures, reviewed monthly
            - check: CW_AWS_S3_PUBLIC_ACL
              resource: aws_s3_bucket.website
              reason: a public static website, reviewed by the web team
              expires: 2027-03-31

            - check: CKV_AWS_20
              resource: aws_s3_bucket.assets-*
              reason: CDN origins
              expires: 2027-01-15
            """;

    @Test
    void entriesKeepTheLineTheyStartOn() {
        List<Suppressions.Entry> entries = Suppressions.parse("s.yaml", TWO);
        assertThat(entries).extracting(e -> e.definedAt().line()).containsExactly(2, 7);
        assertThat(entries.get(1).resource().matcher("aws_s3_bucket.assets-eu").matches()).isTrue();
        assertThat(entries.get(0).expires()).isEqualTo(LocalDate.of(2027, 3, 31));
    }

    @Test
    void aMistakeNamesItsLine() {
        assertThatThrownBy(() -> Suppressions.parse("s.yaml", TWO.replace("  reason: CDN origins\n", "")))
                .hasMessage("s.yaml:7: 'reason' is required");
        assertThatThrownBy(() -> Suppressions.parse("s.yaml", TWO.replace("expires: 2027-01-15", "expires: next winter")))
                .hasMessage("s.yaml:10: expires must be a date like 2027-03-31");
        assertThatThrownBy(() -> Suppressions.parse("s.yaml", TWO.replace("  reason: CDN origins", "  reson: CDN origins")))
                .hasMessageStartingWith("s.yaml:9: unknown key 'reson'");
        assertThatThrownBy(() -> Suppressions.parse("s.yaml", "check: CW_AWS_S3_PUBLIC_ACL\n"))
                .hasMessageStartingWith("s.yaml:1: expected a list of suppressions");
        assertThatThrownBy(() -> Suppressions.parse("s.yaml", "- check: [unclosed\n"))
                .hasMessageStartingWith("s.yaml:2: not YAML");
    }

    @Test
    void aFileOfCommentsSuppressesNothing() {
        assertThat(Suppressions.parse("s.yaml", "# nothing accepted yet\n\n")).isEmpty();
        assertThat(Suppressions.parse("s.yaml", "")).isEmpty();
    }
}
