package dev.cloudwarden.engine.ingest.syslog;

import dev.cloudwarden.engine.ingest.parse.RecordRejectedException;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SyslogLineTest {
    private static final Instant REFERENCE = Instant.parse("2026-06-30T12:00:00Z");

    @Test
    void dayWithAndWithoutPaddingReadAlike() throws RecordRejectedException {
        SyslogLine padded = SyslogLine.parse("Feb  7 10:00:00 host sshd[1]: Invalid user x from 192.0.2.1", REFERENCE);
        SyslogLine unpadded = SyslogLine.parse("Feb 7 10:00:00 host sshd[1]: Invalid user x from 192.0.2.1", REFERENCE);
        assertThat(unpadded.time()).isEqualTo(padded.time()).isEqualTo(Instant.parse("2026-02-07T10:00:00Z"));
        assertThat(unpadded.timeText()).isEqualTo("Feb 7 10:00:00");
        assertThat(unpadded.host()).isEqualTo("host");
        assertThat(unpadded.program()).isEqualTo("sshd");
        assertThat(unpadded.pid()).isEqualTo(1L);
        assertThat(unpadded.message()).isEqualTo("Invalid user x from 192.0.2.1");
        assertThat(SyslogLine.looksLike("Feb 7 10:00:00 host sshd[1]: x")).isTrue();
        assertThat(SyslogLine.parse("Feb 17 10:00:00 host sshd[1]: x", REFERENCE).time())
                .isEqualTo(Instant.parse("2026-02-17T10:00:00Z"));
    }

    @Test
    void unpaddedImpossibleDayIsRejected() {
        assertThatThrownBy(() -> SyslogLine.parse("Feb 0 10:00:00 host sshd[1]: x", REFERENCE))
                .isInstanceOf(RecordRejectedException.class).hasMessageContaining("'Feb 0 10:00:00' is not a syslog time");
    }

    @Test
    void rfc5424WithAndWithoutPri() throws RecordRejectedException {
        for (String line : new String[]{"<34>1 2026-02-07T10:00:00.123Z host sshd 1234 - - Invalid user x from 192.0.2.1 port 22",
                "1 2026-02-07T10:00:00.123Z host sshd 1234 - - Invalid user x from 192.0.2.1 port 22"}) {
            SyslogLine s = SyslogLine.parse(line, REFERENCE);
            assertThat(s.time()).as(line).isEqualTo(Instant.parse("2026-02-07T10:00:00.123Z"));
            assertThat(s.host()).as(line).isEqualTo("host");
            assertThat(s.program()).as(line).isEqualTo("sshd");
            assertThat(s.pid()).as(line).isEqualTo(1234L);
            assertThat(s.message()).as(line).isEqualTo("Invalid user x from 192.0.2.1 port 22");
            assertThat(SyslogLine.looksLike(line)).as(line).isTrue();
        }
    }

    @Test
    void rfc5424StructuredDataNilValuesAndBom() throws RecordRejectedException {
        SyslogLine s = SyslogLine.parse("<86>1 2026-02-07T10:00:00+01:00 - sshd-session - ID47 "
                + "[origin ip=\"10.0.0.5\" x=\"a \\\"]\\\" b\"][meta seq=\"1\"] \uFEFFAccepted publickey for a from 2001:db8::1 port 2 ssh2", REFERENCE);
        assertThat(s.time()).isEqualTo(Instant.parse("2026-02-07T09:00:00Z"));
        assertThat(s.host()).isNull();
        assertThat(s.program()).isEqualTo("sshd-session");
        assertThat(s.pid()).isNull();
        assertThat(s.message()).isEqualTo("Accepted publickey for a from 2001:db8::1 port 2 ssh2");
        assertThat(SyslogLine.parse("<13>1 2026-02-07T10:00:00Z host app - - -", REFERENCE).message()).isEmpty();
        assertThatThrownBy(() -> SyslogLine.parse("<13>1 2026-02-07T10:00:00Z host app - - [unclosed x=\"1\"", REFERENCE))
                .hasMessageContaining("STRUCTURED-DATA is not closed");
        assertThatThrownBy(() -> SyslogLine.parse("<13>1 2026-02-07T10:00:00Z host app", REFERENCE))
                .hasMessageContaining("RFC 5424 header ends");
    }

    @Test
    void priBeforeBsdAndRfc3339Lines() throws RecordRejectedException {
        assertThat(SyslogLine.parse("<38>Feb  7 10:00:00 host sshd[9]: x", REFERENCE).program()).isEqualTo("sshd");
        SyslogLine iso = SyslogLine.parse("2026-02-07T10:00:00.123456+01:00 host sshd-auth[123]: Failed password for root "
                + "from 2001:db8::1 port 22 ssh2", REFERENCE);
        assertThat(iso.time()).isEqualTo(Instant.parse("2026-02-07T09:00:00.123456Z"));
        assertThat(iso.program()).isEqualTo("sshd-auth");
        assertThat(iso.pid()).isEqualTo(123L);
    }

    @Test
    void otherTimestampsAreStillNotSyslog() {
        assertThat(SyslogLine.looksLike("2019-06-05 12:34:56 1hYXXX-0001Xx-Ab <= a@example.com")).isFalse();
        assertThat(SyslogLine.looksLike("1 2 3")).isFalse();
        assertThat(SyslogLine.looksLike("<34>hello")).isFalse();
        assertThat(SyslogLine.looksLike("Feb 77 10:00:00 host x: y")).isTrue(); // a shape test only
    }
}
