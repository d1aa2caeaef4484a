package dev.cloudwarden.app.web;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class SignInThrottleTest {
    @Test
    void fiveFailuresInFiveMinutesRefuseTheAddressUntilTheyAge() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-06T10:00:00Z"));
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        SignInThrottle throttle = new SignInThrottle(clock);
        for (int i = 0; i < SignInThrottle.MAX_FAILURES; i++) {
            assertThat(throttle.allows("198.51.100.1")).isTrue();
            throttle.failed("198.51.100.1");
            now.set(now.get().plusSeconds(10));
        }
        assertThat(throttle.allows("198.51.100.1")).isFalse();
        assertThat(throttle.allows("198.51.100.2")).as("another address").isTrue();
        now.set(now.get().plus(SignInThrottle.WINDOW).minus(Duration.ofSeconds(40)));
        assertThat(throttle.allows("198.51.100.1")).as("the first two failures have aged out").isTrue();
        throttle.failed("198.51.100.1");
        throttle.failed("198.51.100.1");
        assertThat(throttle.allows("198.51.100.1")).isFalse();
        throttle.succeeded("198.51.100.1");
        assertThat(throttle.allows("198.51.100.1")).isTrue();
    }

    @Test
    void onlyPathsOfThisSiteAreFollowedAfterSigningIn() {
        assertThat(SignIn.localPath("/incidents?status=new")).isEqualTo("/incidents?status=new");
        assertThat(SignIn.localPath("//evil.example/x")).isNull();
        assertThat(SignIn.localPath("/\\\\evil.example")).isNull();
        assertThat(SignIn.localPath("https://evil.example")).isNull();
        assertThat(SignIn.localPath("javascript:alert(1)")).isNull();
        assertThat(SignIn.localPath("/x\r\nSet-Cookie: a=b")).isNull();
        assertThat(SignIn.localPath(null)).isNull();
    }
}
