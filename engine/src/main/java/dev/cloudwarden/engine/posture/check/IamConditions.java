package dev.cloudwarden.engine.posture.check;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Whether a policy statement's {@code Condition} narrows who may use it, so that a {@code "*"} principal is not the
 * whole internet: a positive operator ({@code StringEquals}, {@code ArnLike}..., not a {@code Not} or {@code IfExists}
 * one, which let others through) on a key naming the caller's identity, account, organisation or network, with a value
 * that is not itself a wildcard ({@code "*"}, or an ARN whose account is {@code *}).
 * <p>Not narrowing: {@code ForAllValues:} operators (true when the request lacks the key, so a caller outside every
 * organisation passes {@code ForAllValues:StringEquals aws:PrincipalOrgID}), and {@code aws:username} (a user name,
 * which any other account can give one of its own users).
 */
final class IamConditions {
    private static final Set<String> IDENTITY_KEYS = Set.of("aws:principalarn", "aws:principalaccount",
            "aws:principalorgid", "aws:principalorgpaths", "aws:sourcevpce", "aws:sourcevpc", "aws:sourceip",
            "aws:vpcsourceip", "aws:sourceaccount", "aws:sourcearn", "aws:sourceorgid", "aws:sourceorgpaths",
            "aws:userid", "aws:principalservicename", "aws:sourceowner", "aws:resourceaccount",
            "aws:resourceorgid", "aws:vpceaccount", "aws:vpceorgid", "aws:vpceorgpaths", "sts:externalid", "kms:calleraccount");

    private IamConditions() {
    }

    static boolean restrictsPrincipal(Object condition) {
        if (!(condition instanceof Map<?, ?> operators)) {
            return false;
        }
        for (Map.Entry<?, ?> op : operators.entrySet()) {
            String operator = String.valueOf(op.getKey());
            if (operator.contains("Not") || operator.endsWith("IfExists") || operator.equals("Null")
                    || operator.toLowerCase(Locale.ROOT).startsWith("forallvalues:")
                    || !(op.getValue() instanceof Map<?, ?> keys)) {
                continue;
            }
            for (Map.Entry<?, ?> k : keys.entrySet()) {
                if (IDENTITY_KEYS.contains(String.valueOf(k.getKey()).toLowerCase(Locale.ROOT)) && narrows(k.getValue())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Every value must narrow: one wildcard among them opens it again. */
    private static boolean narrows(Object value) {
        if (value instanceof List<?> l) {
            return !l.isEmpty() && l.stream().allMatch(IamConditions::narrows);
        }
        if (!(value instanceof String s)) {
            return value != null && !(value instanceof dev.cel.common.values.NullValue);
        }
        String v = s.trim();
        if (v.isEmpty() || v.chars().allMatch(c -> c == '*' || c == '?') || v.equals("0.0.0.0/0") || v.equals("::/0")) {
            return false;
        }
        if (v.startsWith("arn:")) {
            String[] parts = v.split(":", 6);
            return parts.length < 5 || !parts[4].equals("*");
        }
        return true;
    }
}
