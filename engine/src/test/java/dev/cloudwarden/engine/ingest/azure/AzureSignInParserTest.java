package dev.cloudwarden.engine.ingest.azure;

import dev.cloudwarden.engine.event.TimeBasis;

import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.FieldPath;
import dev.cloudwarden.engine.event.OcsfClass;
import dev.cloudwarden.engine.event.Outcome;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.ingest.GoldenFiles;
import dev.cloudwarden.engine.ingest.IngestOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AzureSignInParserTest {

    @ParameterizedTest
    @ValueSource(strings = {"panther-signin.jsonl", "signin-graph-api.jsonl"})
    void recordsMatchTheirGoldenFiles(String file) {
        List<Event> events = GoldenFiles.check("azure/" + file);
        assertThat(events).isNotEmpty().allSatisfy(e -> {
            assertThat(e.source()).isEqualTo(SourceType.AZURE_SIGNIN);
            assertThat(e.ocsfClass()).isEqualTo(OcsfClass.AUTHENTICATION);
            assertThat(e.cloud().provider()).isEqualTo("azure");
            assertThat(e.operation().name()).isEqualTo("SignIn");
            assertThat(e.actor().principal()).isNotBlank();
        });
    }

    @Test
    void exportedFailuresCarryTheErrorCodeReasonAndSingleFactor() {
        Event lockout = read("panther-signin.jsonl").get(2);
        assertThat(lockout.actor().principal()).isEqualTo("boromir@lotr.com");
        assertThat(lockout.actor().principalType()).isEqualTo("User");
        assertThat(lockout.actor().mfaUsed()).isFalse();
        assertThat(lockout.outcome().status()).isEqualTo(Outcome.Status.FAILURE);
        assertThat(lockout.outcome().errorCode()).isEqualTo("50053");
        assertThat(lockout.outcome().errorMessage()).startsWith("The account is locked");
        assertThat(lockout.src().ip()).isEqualTo("4.4.4.4");
        assertThat(lockout.cloud().account()).isEqualTo("tenant-123");
        assertThat(lockout.cloud().region()).isNull();
        assertThat(lockout.operation().service()).isEqualTo("Microsoft Office");
        assertThat(lockout.dst().host()).isEqualTo("Microsoft Graph");
        assertThat(lockout.userAgent()).isEqualTo("python-requests/2.28.0");
        assertThat(lockout.raw().text(FieldPath.of("properties.location.countryOrRegion"))).isEqualTo("RU");
    }

    @Test
    void errorCodeZeroIsSuccessAndTheSignInTimeIsCreatedDateTime() {
        Event ok = read("panther-signin.jsonl").stream()
                .filter(e -> e.actor().principal().equals("john@justice.org")).findFirst().orElseThrow();
        assertThat(ok.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(ok.time()).isEqualTo(Instant.parse("2025-01-15T14:23:10.1234567Z"));
    }

    @Test
    void servicePrincipalSignInsAreActedByTheServicePrincipal() {
        Event sp = read("panther-signin.jsonl").stream()
                .filter(e -> e.actor().principal().equals("some-service-principal")).findFirst().orElseThrow();
        assertThat(sp.actor().principalType()).isEqualTo("ServicePrincipal");
        assertThat(sp.outcome()).isEqualTo(Outcome.failure("7000215", null));
    }

    @Test
    void graphApiSignInsAreDetectedAndReadFromTheTopLevel() {
        List<Event> events = read("signin-graph-api.jsonl");
        Event mfa = events.get(0);
        assertThat(mfa.actor().mfaUsed()).isTrue();
        assertThat(mfa.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(mfa.time()).isEqualTo(Instant.parse("2024-06-02T07:55:13Z"));
        Event badPassword = events.get(1);
        assertThat(badPassword.outcome()).isEqualTo(Outcome.failure("50126",
                "Error validating credentials due to invalid username or password."));
        assertThat(badPassword.src().ip()).isEqualTo("198.51.100.201");
        assertThat(badPassword.operation().service()).isEqualTo("Azure Portal");
        assertThat(badPassword.resources()).extracting(r -> r.id())
                .containsExactly("c44b4083-3bb0-49c1-b47d-974e53cbdf3c", "797f4846-ba00-4fd7-ba43-dac1f8f63013");
        assertThat(events.get(4).actor().principalType()).isEqualTo("Guest");
        assertThat(events.get(5).userAgent()).isNull();
    }

    @Test
    void recordsWithoutTimeOrIdentityStayEventsWithWhatTheyHave() {
        GoldenFiles.Collected c = AzureActivityParserTest.ingest("""
                {"category":"SignInLogs","operationName":"Sign-in activity","properties":{"userPrincipalName":"a@b.c"}}
                {"category":"SignInLogs","time":"2025-01-15T09:30:45Z","properties":{"ipAddress":"192.0.2.1"}}
                """);
        assertThat(c.rejections).isEmpty();
        assertThat(c.events).extracting(Event::source).containsOnly(SourceType.AZURE_SIGNIN);
        assertThat(c.events.get(0).timeInferred()).isTrue();
        assertThat(c.events.get(0).actor().principal()).isEqualTo("a@b.c");
        assertThat(c.events.get(1).actor().principal()).isNull();
        assertThat(c.events.get(1).src().ip()).isEqualTo("192.0.2.1");
    }

    private static List<Event> read(String file) {
        return GoldenFiles.read(GoldenFiles.resource("azure/" + file), IngestOptions.defaults()).events;
    }
}
