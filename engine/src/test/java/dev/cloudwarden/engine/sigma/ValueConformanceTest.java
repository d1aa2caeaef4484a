package dev.cloudwarden.engine.sigma;

import org.junit.jupiter.api.Test;

import static dev.cloudwarden.engine.sigma.Conformance.rule;

/**
 * Sigma rules specification, "Detection": how values, lists and maps match, wildcards and escapes, case,
 * special values, and CloudWarden's field contract (DESIGN.md, "Sigma semantics we hold to").
 */
class ValueConformanceTest {

    // ---- Maps and lists ----

    @Test
    void mapItemsAreAndedAndListValuesOred() {
        // The spec's example: EventLog 'Security' and (EventID 517 or EventID 1102).
        rule("""
                selection:
                    EventLog: Security
                    EventID:
                        - 517
                        - 1102
                condition: selection
                """)
                .matches("{EventLog: 'Security', EventID: 517}", "{EventLog: 'Security', EventID: 1102}")
                .doesNotMatch("{EventLog: 'Security', EventID: 4624}", "{EventLog: 'System', EventID: 517}",
                        "{EventID: 517}", "{EventLog: 'Security'}");
    }

    @Test
    void everyItemOfAMapMustHold() {
        rule("""
                selection:
                    EventLog: Security
                    EventID: 4769
                    TicketOptions: '0x40810000'
                    TicketEncryption: '0x17'
                condition: selection
                """)
                .matches("{EventLog: 'Security', EventID: 4769, TicketOptions: '0x40810000', TicketEncryption: '0x17'}")
                .doesNotMatch("{EventLog: 'Security', EventID: 4769, TicketOptions: '0x40810000', TicketEncryption: '0x12'}",
                        "{EventLog: 'Security', EventID: 4769, TicketOptions: '0x40810000'}");
    }

    @Test
    void aListOfMapsIsOred() {
        rule("""
                selection:
                    - Image|endswith: '\\\\example.exe'
                    - Description|contains: 'Test executable'
                condition: selection
                """)
                .matches("{Image: 'C:\\\\tmp\\\\example.exe'}", "{Description: 'A Test executable here'}",
                        "{Image: 'x', Description: 'Test executable'}")
                .doesNotMatch("{Image: 'C:\\\\tmp\\\\example.exe.bak', Description: 'other'}", "{}");
    }

    // ---- Special values: null and '' ----

    @Test
    void nullMatchesAMissingFieldOrJsonNull() {
        rule("""
                selection:
                    EventID: 4738
                filter:
                    PasswordLastSet: null
                condition: selection and not filter
                """)
                .matches("{EventID: 4738, PasswordLastSet: '2024-01-01'}", "{EventID: 4738, PasswordLastSet: ''}")
                .doesNotMatch("{EventID: 4738}", "{EventID: 4738, PasswordLastSet: null}");
    }

    @Test
    void emptyStringMatchesAnEmptyStringOnly() {
        rule("""
                selection:
                    FieldB: ''
                condition: selection
                """)
                .matches("{FieldB: ''}", "{FieldB: ['x', '']}")
                .doesNotMatch("{}", "{FieldB: null}", "{FieldB: ' '}", "{FieldB: 'x'}");
    }

    @Test
    void emptyAndNullInSelectionsOfTheirOwn() {
        // The spec's "valid example".
        rule("""
                selection_main:
                    FieldA: 'something'
                selection_empty1:
                    FieldB: ''
                selection_empty2:
                    FieldB: null
                condition: selection_main and 1 of selection_empty*
                """)
                .matches("{FieldA: 'something', FieldB: ''}", "{FieldA: 'something'}",
                        "{FieldA: 'something', FieldB: null}")
                .doesNotMatch("{FieldA: 'something', FieldB: 'x'}", "{FieldB: ''}");
    }

    // ---- Wildcards ----

    @Test
    void questionMarkIsExactlyOneCharacter() {
        rule("""
                selection:
                    Image: 'prog?.exe'
                condition: selection
                """)
                .matches("{Image: 'progA.exe'}", "{Image: 'prog1.exe'}", "{Image: 'progé.exe'}", "{Image: 'prog😀.exe'}")
                .doesNotMatch("{Image: 'prog.exe'}", "{Image: 'progAB.exe'}", "{Image: 'xprogA.exe'}");
    }

    @Test
    void starIsAnyRunIncludingNone() {
        rule("""
                selection:
                    Image: 'antivirus_V*.exe'
                condition: selection
                """)
                .matches("{Image: 'antivirus_V1.exe'}", "{Image: 'antivirus_V21.2.1.exe'}", "{Image: 'antivirus_V.exe'}")
                .doesNotMatch("{Image: 'antivirus_V1.exe.txt'}", "{Image: 'my_antivirus_V1.exe'}");
        rule("""
                selection:
                    CommandLine: '*a*b?c*'
                condition: selection
                """)
                .matches("{CommandLine: 'aaab_c'}", "{CommandLine: 'xa_ab-cx'}", "{CommandLine: 'abbc'}")
                .doesNotMatch("{CommandLine: 'abc'}", "{CommandLine: 'ba_c'}");
    }

    // ---- Escapes: the five cases the specification lists ----

    @Test
    void aPlainBackslashIsWrittenOnceOrTwice() {
        // YAML 'C:\Windows\System32' and 'C:\\Windows\\System32' both mean C:\Windows\System32.
        String once = """
                selection:
                    Image: 'C:\\Windows\\System32'
                condition: selection
                """;
        String twice = """
                selection:
                    Image: 'C:\\\\Windows\\\\System32'
                condition: selection
                """;
        for (String detection : new String[]{once, twice}) {
            rule(detection)
                    .matches("{Image: 'C:\\\\Windows\\\\System32'}", "{Image: 'c:\\\\windows\\\\system32'}")
                    .doesNotMatch("{Image: 'C:\\\\\\\\Windows\\\\\\\\System32'}", "{Image: 'C:/Windows/System32'}");
        }
    }

    @Test
    void escapedWildcardsAreLiteral() {
        rule("""
                selection:
                    Title: 'What\\?'
                    Glob: 'a\\*b'
                condition: selection
                """)
                .matches("{Title: 'What?', Glob: 'a*b'}")
                .doesNotMatch("{Title: 'What!', Glob: 'a*b'}", "{Title: 'What?', Glob: 'axxb'}");
    }

    @Test
    void anEscapedBackslashBeforeAWildcardKeepsTheWildcard() {
        // \\* : a backslash, then the wildcard.
        rule("""
                selection:
                    Path: 'C:\\\\*'
                condition: selection
                """)
                .matches("{Path: 'C:\\\\'}", "{Path: 'C:\\\\Users\\\\x'}")
                .doesNotMatch("{Path: 'C:'}", "{Path: 'C:/Users'}", "{Path: 'C:*'}");
    }

    @Test
    void threeBackslashesEscapeBothTheBackslashAndTheWildcard() {
        // \\\* : a backslash and a literal star.
        rule("""
                selection:
                    Path: 'C:\\\\\\*'
                condition: selection
                """)
                .matches("{Path: 'C:\\\\*'}")
                .doesNotMatch("{Path: 'C:\\\\x'}", "{Path: 'C:\\\\'}", "{Path: 'C:*'}");
    }

    @Test
    void threeOrFourBackslashesAreADoubleBackslash() {
        // \\\\ results in the plain value \\ ; three (not before a wildcard) are handled the same.
        String four = """
                selection:
                    Share: '\\\\\\\\server\\\\share'
                condition: selection
                """;
        String three = """
                selection:
                    Share: '\\\\\\server\\share'
                condition: selection
                """;
        for (String detection : new String[]{four, three}) {
            rule(detection)
                    .matches("{Share: '\\\\\\\\server\\\\share'}")
                    .doesNotMatch("{Share: '\\\\server\\\\share'}", "{Share: '\\\\\\\\\\\\server\\\\share'}");
        }
    }

    // ---- Case ----

    @Test
    void stringsMatchCaseInsensitivelyByDefault() {
        rule("""
                selection:
                    eventName: ConsoleLogin
                    userAgent|contains: 'Boto3'
                condition: selection
                """)
                .matches("{eventName: 'consolelogin', userAgent: 'BOTO3/1.0'}", "{eventName: 'CONSOLELOGIN', userAgent: 'x boto3'}")
                .doesNotMatch("{eventName: 'ConsoleLogin2', userAgent: 'Boto3'}");
    }

    @Test
    void caseFoldingIsFullUnicodeFolding() {
        // ß folds to ss (and its capital ẞ too); final sigma ς folds like σ; Cyrillic and Greek capitals.
        rule("""
                selection:
                    street: 'STRASSE'
                condition: selection
                """)
                .matches("{street: 'straße'}", "{street: 'Strasse'}", "{street: 'STRAẞE'}")
                .doesNotMatch("{street: 'strase'}");
        rule("""
                selection:
                    street|contains: 'straße'
                    word|contains: 'ΟΔΟΣ'
                    name: 'ПРИВЕТ'
                condition: selection
                """)
                .matches("{street: 'HAUPTSTRASSE 1', word: 'οδοσ', name: 'привет'}",
                        "{street: 'strasse', word: 'η οδος', name: 'Привет'}")
                .doesNotMatch("{street: 'strase', word: 'οδος', name: 'привет'}");
        // A capital sigma at the end of a pattern must not become a final sigma that misses a medial one.
        rule("""
                selection:
                    word|contains: 'ΟΣ'
                condition: selection
                """)
                .matches("{word: 'οσα'}", "{word: 'ΟΣΑ'}", "{word: 'ος'}")
                .doesNotMatch("{word: 'ομα'}");
    }

    @Test
    void casedMatchesExactly() {
        rule("""
                selection:
                    eventName|cased: ConsoleLogin
                    userAgent|cased|contains: 'Boto3'
                condition: selection
                """)
                .matches("{eventName: 'ConsoleLogin', userAgent: 'x Boto3 y'}")
                .doesNotMatch("{eventName: 'consolelogin', userAgent: 'Boto3'}", "{eventName: 'ConsoleLogin', userAgent: 'boto3'}");
    }

    // ---- Numbers and booleans ----

    @Test
    void numbersEqualJsonNumbersAndTheirStringForm() {
        rule("""
                selection:
                    EventID: 5
                condition: selection
                """)
                .matches("{EventID: 5}", "{EventID: '5'}", "{EventID: 5.0}", "{EventID: [1, 5]}")
                .doesNotMatch("{EventID: 50}", "{EventID: '50'}", "{EventID: '5x'}", "{EventID: true}", "{}");
        rule("""
                selection:
                    ratio: 0.5
                condition: selection
                """)
                .matches("{ratio: 0.5}", "{ratio: '0.5'}")
                .doesNotMatch("{ratio: 0.25}");
    }

    @Test
    void booleansEqualJsonBooleansAndTheirStringForm() {
        rule("""
                selection:
                    mfaAuthenticated: true
                condition: selection
                """)
                .matches("{mfaAuthenticated: true}", "{mfaAuthenticated: 'true'}", "{mfaAuthenticated: 'TRUE'}")
                .doesNotMatch("{mfaAuthenticated: false}", "{mfaAuthenticated: 'false'}", "{mfaAuthenticated: 1}", "{}");
        rule("""
                selection:
                    mfaAuthenticated: false
                condition: selection
                """)
                .matches("{mfaAuthenticated: false}", "{mfaAuthenticated: 'false'}")
                .doesNotMatch("{mfaAuthenticated: true}", "{}");
    }

    @Test
    void quotedNumbersAreStringsThatStillMatchNumbers() {
        rule("""
                selection:
                    EventID: '4624'
                condition: selection
                """)
                .matches("{EventID: 4624}", "{EventID: '4624'}")
                .doesNotMatch("{EventID: 46240}");
    }

    // ---- Fields: nesting, arrays, objects ----

    @Test
    void dottedFieldsAddressNestedObjects() {
        rule("""
                selection:
                    requestParameters.bucketName: secret-bucket
                    userIdentity.sessionContext.attributes.mfaAuthenticated: 'false'
                condition: selection
                """)
                .matches("{requestParameters: {bucketName: 'secret-bucket'}, "
                        + "userIdentity: {sessionContext: {attributes: {mfaAuthenticated: 'false'}}}}")
                .doesNotMatch("{requestParameters: {bucketName: 'other'}, "
                        + "userIdentity: {sessionContext: {attributes: {mfaAuthenticated: 'false'}}}}",
                        "{bucketName: 'secret-bucket', mfaAuthenticated: 'false'}");
    }

    @Test
    void aLiteralDottedKeyWinsOverNesting() {
        rule("""
                selection:
                    authorization.k8s.io/decision: allow
                condition: selection
                """)
                .matches("{'authorization.k8s.io/decision': 'allow'}",
                        "{'authorization.k8s.io/decision': 'allow', authorization: {'k8s.io/decision': 'forbid'}}",
                        "{authorization: {'k8s.io/decision': 'allow'}}")
                .doesNotMatch("{'authorization.k8s.io/decision': 'forbid', authorization: {'k8s.io/decision': 'allow'}}");
    }

    @Test
    void aPathThroughAnArrayHoldsWhenAnyElementSatisfiesIt() {
        rule("""
                selection:
                    resources.ARN|startswith: 'arn:aws:s3:::secret'
                    tags: prod
                condition: selection
                """)
                .matches("{resources: [{ARN: 'arn:aws:iam::1:user/x'}, {ARN: 'arn:aws:s3:::secret-bucket'}], tags: ['dev', 'prod']}")
                .doesNotMatch("{resources: [{ARN: 'arn:aws:iam::1:user/x'}], tags: ['prod']}",
                        "{resources: [{ARN: 'arn:aws:s3:::secret'}], tags: ['dev', 'production']}");
    }

    @Test
    void objectsAreComparedAsCompactJson() {
        rule("""
                selection:
                    requestParameters|contains: '"policyName":"AdministratorAccess"'
                condition: selection
                """)
                .matches("{requestParameters: {userName: 'bob', policyName: 'AdministratorAccess'}}")
                .doesNotMatch("{requestParameters: {userName: 'bob', policyName: 'ReadOnly'}}",
                        "{requestParameters: 'nothing'}");
        rule("""
                selection:
                    requestParameters|startswith: '{"userName":'
                condition: selection
                """)
                .matches("{requestParameters: {userName: 'bob'}}")
                .doesNotMatch("{requestParameters: {policy: 'x', userName: 'bob'}}");
    }

    @Test
    void notIsTwoValuedWhenFieldsAreMissing() {
        rule("""
                selection:
                    eventName: GetObject
                filter:
                    userIdentity.type: AWSService
                condition: selection and not filter
                """)
                .matches("{eventName: 'GetObject'}", "{eventName: 'GetObject', userIdentity: {type: 'IAMUser'}}")
                .doesNotMatch("{eventName: 'GetObject', userIdentity: {type: 'AWSService'}}");
        rule("""
                filter:
                    missing.field|contains: x
                condition: not filter
                """)
                .matches("{}", "{other: 1}");
    }
}
