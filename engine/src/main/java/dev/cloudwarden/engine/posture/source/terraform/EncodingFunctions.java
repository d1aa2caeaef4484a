package dev.cloudwarden.engine.posture.source.terraform;

import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

import static dev.cloudwarden.engine.posture.source.terraform.Values.asString;

/** Terraform's encoding and hash functions. */
final class EncodingFunctions {
    private EncodingFunctions() {
    }

    static void register(Functions f) {
        f.add("jsonencode", 1, (a, c) -> JsonValues.encode(a.get(0)));
        f.add("jsondecode", 1, (a, c) -> JsonValues.decode(asString(a.get(0))));
        f.add("base64encode", 1, (a, c) -> Base64.getEncoder().encodeToString(utf8(a.get(0))));
        f.add("base64decode", 1, (a, c) -> base64decode(asString(a.get(0))));
        f.add("urlencode", 1, (a, c) -> URLEncoder.encode(asString(a.get(0)), StandardCharsets.UTF_8)
                .replace("+", "%20"));
        f.add("md5", 1, (a, c) -> HexFormat.of().formatHex(digest("MD5", utf8(a.get(0)))));
        f.add("sha1", 1, (a, c) -> HexFormat.of().formatHex(digest("SHA-1", utf8(a.get(0)))));
        f.add("sha256", 1, (a, c) -> HexFormat.of().formatHex(digest("SHA-256", utf8(a.get(0)))));
        f.add("sha512", 1, (a, c) -> HexFormat.of().formatHex(digest("SHA-512", utf8(a.get(0)))));
        f.add("base64sha256", 1, (a, c) -> Base64.getEncoder().encodeToString(digest("SHA-256", utf8(a.get(0)))));
        f.add("base64sha512", 1, (a, c) -> Base64.getEncoder().encodeToString(digest("SHA-512", utf8(a.get(0)))));
    }

    private static byte[] utf8(Object v) {
        return asString(v).getBytes(StandardCharsets.UTF_8);
    }

    private static String base64decode(String s) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw new EvalException("base64decode(): not valid base64");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new EvalException("base64decode(): the decoded bytes are not UTF-8");
        }
    }

    private static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new EvalException(algorithm + " is not available");
        }
    }
}
