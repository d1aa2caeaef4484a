package dev.cloudwarden.engine.sigma;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cloudwarden.engine.event.RawRecord;
import org.junit.jupiter.api.Test;

import static dev.cloudwarden.engine.sigma.Conformance.rule;

/** Sigma rules specification, "Keywords search" and "Lists": values without a field search the whole record. */
class KeywordConformanceTest {

    // Ambiguity: the spec applies keywords "to the full log message" without saying whether a keyword must
    // equal a value or occur in it. Full-text backends find terms anywhere in the message, and SigmaHQ's
    // keyword rules are written that way, so a keyword matches where it occurs in any value (as if |contains).
    @Test
    void keywordListsSearchTheWholeRecordAndAreOred() {
        rule("""
                keywords:
                    - 'EVILSERVICE'
                    - 'svchost.exe -n evil'
                condition: keywords
                """)
                .matches("{message: 'service EvilService installed'}",
                        "{a: {b: {c: ['x', 'run svchost.exe -n evil now']}}}",
                        "{deep: [{list: [{text: 'evilservice'}]}]}")
                .doesNotMatch("{message: 'svchost.exe -k netsvcs'}", "{EVILSERVIC: 'E'}");
    }

    @Test
    void keywordsAllModifierNeedsEveryKeywordSomewhere() {
        rule("""
                keywords_cmdlet:
                    '|all':
                        - 'OabVirtualDirectory'
                        - ' -ExternalUrl '
                condition: keywords_cmdlet
                """)
                .matches("{cmd: 'Set-OabVirtualDirectory -ExternalUrl http://x'}",
                        "{a: 'Set-OabVirtualDirectory', b: {c: 'x -ExternalUrl y'}}")
                .doesNotMatch("{cmd: 'Set-OabVirtualDirectory -InternalUrl http://x'}", "{cmd: ' -ExternalUrl '}");
    }

    @Test
    void keywordsMayBeRegularExpressions() {
        rule("""
                keywords:
                    '|re': 'evil[0-9]+\\.exe'
                condition: keywords
                """)
                .matches("{a: {b: 'ran EVIL evil42.exe'}}")
                .doesNotMatch("{a: 'EVIL42.exe'}", "{a: 'evil.exe'}");
    }

    @Test
    void keywordsSeeNumbersObjectsAndTheLineOfATextRecord() {
        // DESIGN.md: an object is compared as its compact JSON for keyword search.
        rule("""
                keywords:
                    - '"userName":"root"'
                condition: keywords
                """)
                .matches("{userIdentity: {type: 'Root', userName: 'root'}}")
                .doesNotMatch("{userIdentity: {userName: 'rooted'}}");
        rule("""
                keywords:
                    - 4625
                condition: keywords
                """)
                .matches("{EventID: 4625}", "{msg: 'event 4625 logged'}")
                .doesNotMatch("{EventID: 4624}");
        // Text records (sshd, web access...): the line itself is part of the record.
        rule("""
                keywords:
                    - 'Accepted publickey for root'
                condition: keywords
                """)
                .matches(RawRecord.ofLine("Jul 30 21:31:21 host sshd[42]: Accepted publickey for root from 10.0.0.1",
                        JsonNodeFactory.instance.objectNode().put("process", "sshd")))
                .doesNotMatch(RawRecord.ofLine("Jul 30 21:31:21 host sshd[42]: Accepted password for alice",
                        JsonNodeFactory.instance.objectNode().put("process", "sshd")));
    }
}
