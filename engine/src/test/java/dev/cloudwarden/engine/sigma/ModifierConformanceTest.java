package dev.cloudwarden.engine.sigma;

import dev.cloudwarden.engine.sigma.eval.SigmaConfig;
import dev.cloudwarden.engine.sigma.parse.RuleError;
import dev.cloudwarden.engine.sigma.parse.RuleErrorCode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.cloudwarden.engine.sigma.Conformance.rule;
import static dev.cloudwarden.engine.sigma.Conformance.semanticError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Sigma modifiers appendix (v2.1.0), one test per modifier, with events that must and must not match.
 * The encoding modifiers are in {@link EncodingConformanceTest}.
 */
class ModifierConformanceTest {

    // ---- Generic modifiers ----

    @Test
    void containsStartswithEndswith() {
        rule("""
                selection:
                    CommandLine|contains: 'whoami'
                    Image|endswith: '\\\\cmd.exe'
                    User|startswith: 'adm'
                condition: selection
                """)
                .matches("{CommandLine: 'cmd /c WHOAMI /all', Image: 'C:\\\\Windows\\\\cmd.exe', User: 'Administrator'}",
                        "{CommandLine: 'whoami', Image: '\\\\cmd.exe', User: 'adm'}")
                .doesNotMatch("{CommandLine: 'who ami', Image: 'C:\\\\Windows\\\\cmd.exe', User: 'Administrator'}",
                        "{CommandLine: 'whoami', Image: 'C:\\\\Windows\\\\cmd.exe.bak', User: 'Administrator'}",
                        "{CommandLine: 'whoami', Image: 'C:\\\\Windows\\\\cmd.exe', User: 'sysadm'}");
    }

    @Test
    void wildcardsStillWorkInsideContains() {
        rule("""
                selection:
                    CommandLine|contains: 'wget * | sh'
                condition: selection
                """)
                .matches("{CommandLine: 'bash -c wget http://x/a | sh'}")
                .doesNotMatch("{CommandLine: 'wget http://x/a > sh'}");
    }

    @Test
    void allLinksTheValuesWithAnd() {
        rule("""
                selection:
                    CommandLine|contains|all:
                        - 'net'
                        - ' user '
                        - '/add'
                condition: selection
                """)
                .matches("{CommandLine: 'net user bob P@ss /add'}", "{CommandLine: ['net user x', 'y /add']}")
                .doesNotMatch("{CommandLine: 'net user bob'}", "{CommandLine: 'user /add'}");
        rule("""
                selection:
                    CommandLine|contains:
                        - 'net'
                        - '/add'
                condition: selection
                """)
                .matches("{CommandLine: 'net view'}", "{CommandLine: '/add'}");
    }

    @Test
    void existsTestsPresenceWithNullAndEmptyCountingAsPresent() {
        rule("""
                selection:
                    EventID: 4738
                    PasswordLastSet|exists: true
                condition: selection
                """)
                .matches("{EventID: 4738, PasswordLastSet: '2024-01-01'}", "{EventID: 4738, PasswordLastSet: null}",
                        "{EventID: 4738, PasswordLastSet: ''}", "{EventID: 4738, PasswordLastSet: []}",
                        "{EventID: 4738, PasswordLastSet: {}}")
                .doesNotMatch("{EventID: 4738}", "{EventID: 4738, passwordlastset2: 'x'}");
        rule("""
                selection:
                    errorCode|exists: false
                    nested.key|exists: false
                condition: selection
                """)
                .matches("{}", "{nested: {other: 1}}", "{nested: 'flat'}")
                .doesNotMatch("{errorCode: null}", "{nested: {key: null}}", "{errorCode: 'AccessDenied'}");
    }

    @Test
    void casedMakesValuesCaseSensitive() {
        rule("""
                selection:
                    Image|cased|endswith: '\\\\PowerShell.exe'
                condition: selection
                """)
                .matches("{Image: 'C:\\\\PowerShell.exe'}")
                .doesNotMatch("{Image: 'C:\\\\powershell.exe'}", "{Image: 'C:\\\\POWERSHELL.EXE'}");
    }

    // Ambiguity: the spec says "the field is different from the specified values" but not what a missing
    // field means. A missing (or null) field has no value to differ, so neq does not hold there (as `!=` in
    // query languages); write `not selection` for "missing or different". Several values: different from all.
    @Test
    void neqHoldsWhenThePresentValueDiffersFromEveryValue() {
        rule("""
                selection:
                    eventName: ConsoleLogin
                    responseElements.ConsoleLogin|neq: Success
                condition: selection
                """)
                .matches("{eventName: 'ConsoleLogin', responseElements: {ConsoleLogin: 'Failure'}}")
                .doesNotMatch("{eventName: 'ConsoleLogin', responseElements: {ConsoleLogin: 'success'}}",
                        "{eventName: 'ConsoleLogin'}", "{eventName: 'ConsoleLogin', responseElements: {ConsoleLogin: null}}");
        rule("""
                selection:
                    EventID|neq:
                        - 4624
                        - 4625
                condition: selection
                """)
                .matches("{EventID: 4634}", "{EventID: '4672'}")
                .doesNotMatch("{EventID: 4624}", "{EventID: '4625'}", "{}");
    }

    // ---- String modifiers ----

    @Test
    void windashAcceptsEveryDashAndSlash() {
        rule("""
                selection:
                    CommandLine|windash|contains: ' -enc '
                condition: selection
                """)
                .matches("{CommandLine: 'powershell -enc AAA'}", "{CommandLine: 'powershell /enc AAA'}",
                        "{CommandLine: 'powershell \u2013enc AAA'}", "{CommandLine: 'powershell \u2014enc AAA'}",
                        "{CommandLine: 'powershell \u2015enc AAA'}")
                .doesNotMatch("{CommandLine: 'powershell enc AAA'}", "{CommandLine: 'powershell _enc AAA'}",
                        "{CommandLine: 'powershell \\\\enc AAA'}");
        // Every permutation: both flags vary independently.
        rule("""
                selection:
                    CommandLine|windash|contains: '-a -b'
                condition: selection
                """)
                .matches("{CommandLine: 'x /a \u2014b'}", "{CommandLine: 'x \u2013a -b'}", "{CommandLine: 'x -a /b'}");
    }

    @Test
    void reIsUnanchoredAndCaseSensitive() {
        rule("""
                selection:
                    CommandLine|re: 'Invoke-[A-Z]\\w+'
                condition: selection
                """)
                .matches("{CommandLine: 'powershell Invoke-Mimikatz -x'}", "{CommandLine: 'Invoke-Expression'}")
                .doesNotMatch("{CommandLine: 'powershell invoke-mimikatz'}", "{CommandLine: 'Invoke-'}");
        rule("""
                selection:
                    CommandLine|re: '^whoami$'
                condition: selection
                """)
                .matches("{CommandLine: 'whoami'}")
                .doesNotMatch("{CommandLine: 'whoami /all'}", "{CommandLine: 'WHOAMI'}");
    }

    @Test
    void reFlags() {
        rule("""
                selection:
                    CommandLine|re|i: 'invoke-mimikatz'
                condition: selection
                """)
                .matches("{CommandLine: 'x INVOKE-MIMIKATZ y'}", "{CommandLine: 'Invoke-Mimikatz'}")
                .doesNotMatch("{CommandLine: 'invoke mimikatz'}");
        // m: ^ and $ match at line boundaries.
        rule("""
                selection:
                    Script|re|m: '^rm -rf /$'
                condition: selection
                """)
                .matches("{Script: '#!/bin/sh\\nrm -rf /\\necho done'}")
                .doesNotMatch("{Script: '#!/bin/sh\\nsudo rm -rf /\\n'}");
        rule("""
                selection:
                    Script|re: '^rm -rf /$'
                condition: selection
                """)
                .doesNotMatch("{Script: '#!/bin/sh\\nrm -rf /\\necho done'}");
        // s: the dot matches a newline too.
        rule("""
                selection:
                    Script|re|s: 'BEGIN.+END'
                condition: selection
                """)
                .matches("{Script: 'BEGIN\\nkey\\nEND'}");
        rule("""
                selection:
                    Script|re: 'BEGIN.+END'
                condition: selection
                """)
                .doesNotMatch("{Script: 'BEGIN\\nkey\\nEND'}")
                .matches("{Script: 'BEGIN key END'}");
    }

    // ---- Numeric modifiers ----

    @Test
    void comparisonsWorkOnNumbersAndNumericStrings() {
        rule("""
                selection:
                    bytes|gt: 1000
                condition: selection
                """)
                .matches("{bytes: 1001}", "{bytes: '5000'}", "{bytes: 1000.5}", "{bytes: [1, 2000]}", "{bytes: ' 1e6 '}")
                .doesNotMatch("{bytes: 1000}", "{bytes: '999'}", "{bytes: 'lots'}", "{bytes: true}", "{bytes: null}",
                        "{}", "{bytes: '0x10000'}", "{bytes: 'NaN'}", "{bytes: 'Infinity'}",
                        "{bytes: '0x1p11'}", "{bytes: '2000d'}");
        rule("""
                selection:
                    bytes|gte: 1000
                condition: selection
                """).matches("{bytes: 1000}", "{bytes: '1000'}").doesNotMatch("{bytes: 999}");
        rule("""
                selection:
                    bytes|lt: 10
                condition: selection
                """).matches("{bytes: 9}", "{bytes: -3}", "{bytes: '9.99'}").doesNotMatch("{bytes: 10}", "{bytes: 'ten'}", "{}");
        rule("""
                selection:
                    bytes|lte: 10
                condition: selection
                """).matches("{bytes: 10}", "{bytes: '10'}").doesNotMatch("{bytes: 11}", "{bytes: ''}");
    }

    @Test
    void aComparisonNeedsANumberInTheRule() {
        RuleError e = semanticError("""
                selection:
                    bytes|gt: lots
                condition: selection
                """, SigmaConfig.defaults());
        assertThat(e.code()).isEqualTo(RuleErrorCode.INVALID_VALUE);
        assertThat(e.message()).isEqualTo("gt needs a number, got 'lots'");
    }

    // ---- Time modifiers ----

    // Ambiguity: "not designed to handle timezone or format conversions": the parts are read from the
    // timestamp as written (its own offset), not converted to UTC.
    @Test
    void timeModifiersExtractPartsOfIsoTimestamps() {
        String t = "2024-03-09T23:45:12Z";
        rule("selection:\n    eventTime|minute: 45\ncondition: selection").matches("{eventTime: '" + t + "'}")
                .doesNotMatch("{eventTime: '2024-03-09T23:44:12Z'}", "{eventTime: 'yesterday'}", "{}");
        rule("selection:\n    eventTime|hour: 23\ncondition: selection").matches("{eventTime: '" + t + "'}")
                .matches("{eventTime: '2024-03-09T23:45:12.123+02:00'}")
                .doesNotMatch("{eventTime: '2024-03-09T22:45:12Z'}");
        rule("selection:\n    eventTime|day: 9\ncondition: selection").matches("{eventTime: '" + t + "'}")
                .doesNotMatch("{eventTime: '2024-03-10T00:00:00Z'}");
        rule("selection:\n    eventTime|week: 10\ncondition: selection").matches("{eventTime: '" + t + "'}")
                .doesNotMatch("{eventTime: '2024-03-11T00:00:00Z'}");
        rule("selection:\n    eventTime|month: 3\ncondition: selection").matches("{eventTime: '" + t + "'}")
                .doesNotMatch("{eventTime: '2024-04-09T23:45:12Z'}");
        rule("selection:\n    eventTime|year: 2024\ncondition: selection").matches("{eventTime: '" + t + "'}", "{eventTime: '2024-01-01 00:00:00'}")
                .doesNotMatch("{eventTime: '2023-12-31T23:59:59Z'}");
        // Combined with a comparison: outside office hours.
        rule("""
                late:
                    eventTime|hour|gte: 22
                early:
                    eventTime|hour|lt: 6
                condition: late or early
                """)
                .matches("{eventTime: '2024-03-09T22:00:00Z'}", "{eventTime: '2024-03-09T05:59:59Z'}")
                .doesNotMatch("{eventTime: '2024-03-09T06:00:00Z'}", "{eventTime: '2024-03-09T21:59:59Z'}");
    }

    // ---- IP modifiers ----

    @Test
    void cidrMatchesIpv4AndIpv6NetworksAndNothingElse() {
        rule("""
                selection:
                    sourceIPAddress|cidr:
                        - 10.0.0.0/8
                        - 192.168.1.0/24
                        - 2001:db8::/32
                condition: selection
                """)
                .matches("{sourceIPAddress: '10.1.2.3'}", "{sourceIPAddress: '192.168.1.255'}",
                        "{sourceIPAddress: '2001:db8:1::5'}", "{sourceIPAddress: '2001:DB8::1'}",
                        "{sourceIPAddress: ['8.8.8.8', '10.0.0.1']}")
                .doesNotMatch("{sourceIPAddress: '11.0.0.1'}", "{sourceIPAddress: '192.168.2.1'}",
                        "{sourceIPAddress: '2001:db9::1'}", "{sourceIPAddress: 'ec2.amazonaws.com'}",
                        "{sourceIPAddress: 'AWS Internal'}", "{sourceIPAddress: ''}", "{sourceIPAddress: '10.*.*.*'}",
                        "{sourceIPAddress: '*'}", "{sourceIPAddress: 10}", "{}");
    }

    @Test
    void anInvalidCidrIsARuleError() {
        for (String bad : List.of("10.0.0.0/33", "not-a-network", "''", "10.*")) {
            RuleError e = semanticError("selection:\n    ip|cidr: " + bad + "\ncondition: selection", SigmaConfig.defaults());
            assertThat(e.code()).as(bad).isEqualTo(RuleErrorCode.INVALID_CIDR);
            assertThat(e.path()).isEqualTo("detection.selection.ip|cidr");
            assertThat(e.location().toString()).isEqualTo("rule.yml:6:9");
        }
    }

    // ---- Specific modifiers ----

    @Test
    void expandReplacesPlaceholdersWithConfiguredValues() {
        SigmaConfig config = new SigmaConfig(Map.of("Admins", List.of("root", "admin")));
        rule("""
                selection:
                    userName|expand: '%Admins%'
                condition: selection
                """, config)
                .matches("{userName: 'root'}", "{userName: 'ADMIN'}")
                .doesNotMatch("{userName: '%Admins%'}", "{userName: 'rooted'}");
        // \% is a plain percent sign (the spec's example); text around placeholders is kept.
        rule("""
                selection:
                    path|expand: '\\%plain%Admins%'
                condition: selection
                """, config)
                .matches("{path: '%plainroot'}", "{path: '%plainadmin'}")
                .doesNotMatch("{path: 'plainroot'}");
        // A placeholder's values may be patterns ("%Servers% is replaced with the pattern srv*").
        rule("""
                selection:
                    host|expand: '%Servers%.corp'
                condition: selection
                """, new SigmaConfig(Map.of("Servers", List.of("srv*", "dc?"))))
                .matches("{host: 'srv-web-01.corp'}", "{host: 'DC1.corp'}")
                .doesNotMatch("{host: 'ws-01.corp'}", "{host: 'dc10.corp'}");
        // Without expand, a placeholder is literal text.
        rule("""
                selection:
                    userName: '%Admins%'
                condition: selection
                """, config)
                .matches("{userName: '%admins%'}")
                .doesNotMatch("{userName: 'root'}");
    }

    @Test
    void anUnknownPlaceholderIsARuleError() {
        RuleError e = semanticError("""
                selection:
                    userName|expand: '%DomainControllers%'
                condition: selection
                """, new SigmaConfig(Map.of("Admins", List.of("root"))));
        assertThat(e.code()).isEqualTo(RuleErrorCode.UNKNOWN_PLACEHOLDER);
        assertThat(e.message()).isEqualTo("placeholder %DomainControllers% has no values in the configuration");
        assertThat(e.path()).isEqualTo("detection.selection.userName|expand");
        assertThat(e.location().toString()).isEqualTo("rule.yml:6:9");
    }

    @Test
    void fieldrefComparesTwoFieldsOfTheSameEvent() {
        rule("""
                selection:
                    TargetUser|fieldref: SubjectUser
                condition: selection
                """)
                .matches("{TargetUser: 'bob', SubjectUser: 'bob'}", "{TargetUser: 'Bob', SubjectUser: 'BOB'}",
                        "{TargetUser: 5, SubjectUser: '5'}")
                .doesNotMatch("{TargetUser: 'bob', SubjectUser: 'alice'}", "{TargetUser: 'bob'}", "{SubjectUser: 'bob'}",
                        "{TargetUser: 'bob', SubjectUser: 'bobby'}");
        rule("""
                selection:
                    TargetUser|fieldref|neq: SubjectUser
                condition: selection
                """)
                .matches("{TargetUser: 'bob', SubjectUser: 'alice'}")
                .doesNotMatch("{TargetUser: 'bob', SubjectUser: 'BOB'}");
        rule("""
                selection:
                    TargetUser|fieldref|cased: SubjectUser
                condition: selection
                """)
                .matches("{TargetUser: 'bob', SubjectUser: 'bob'}")
                .doesNotMatch("{TargetUser: 'Bob', SubjectUser: 'bob'}");
    }
}
