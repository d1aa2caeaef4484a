package dev.cloudwarden.engine.posture.source.aws;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * IAM's credential report ({@code aws iam get-credential-report}: a CSV, base64 in {@code Content}; or the CSV
 * itself): one row per user, the root account's row named {@code <root_account>}. Each row becomes an
 * {@code AWS::IAM::User} (the root row an {@code AWS::IAM::RootUser}) with {@code UserName}, {@code Arn} and
 * {@code CredentialReport}: the row's columns in PascalCase ({@code mfa_active} → {@code MfaActive},
 * {@code access_key_1_active} → {@code AccessKey1Active}, {@code arn} → {@code ARN}, {@code user} →
 * {@code UserName}), "true"/"false" as booleans, other values as written ("N/A", "no_information", dates) — the shape
 * Panther's IAM user and root resources carry. Public for the live scan, which merges each row into its user.
 */
public final class CredentialReport {
    static final String ROOT_ROW = "<root_account>";
    /** "user,arn," in base64: how the report's Content starts, long before its ReportFormat is in sight. */
    static final String BASE64_HEADER = "dXNlcixhcm4s";

    /** One user's row: whether it is the root account's, the resource attributes, its line in the CSV. */
    public record Row(boolean root, Map<String, Object> attributes, int line) {
    }

    private CredentialReport() {
    }

    static boolean looksLikeCsv(String head) {
        return head.stripLeading().startsWith("user,arn,");
    }

    static String decodeContent(String base64) {
        return new String(Base64.getMimeDecoder().decode(base64), java.nio.charset.StandardCharsets.UTF_8);
    }

    public static List<Row> rows(String csv) {
        List<Row> rows = new ArrayList<>();
        String[] lines = csv.split("\r?\n");
        if (lines.length == 0) {
            return rows;
        }
        List<String> header = cells(lines[0]);
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            List<String> cells = cells(lines[i]);
            Map<String, Object> report = new LinkedHashMap<>();
            for (int c = 0; c < header.size() && c < cells.size(); c++) {
                report.put(column(header.get(c)), value(cells.get(c)));
            }
            Object user = report.get("UserName");
            boolean root = ROOT_ROW.equals(user);
            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put("UserName", root ? "root" : user);
            attributes.put("Arn", report.get("ARN"));
            attributes.put("CredentialReport", report);
            rows.add(new Row(root, attributes, i + 1));
        }
        return rows;
    }

    private static String column(String name) {
        String n = name.strip();
        if (n.equals("user")) {
            return "UserName";
        }
        if (n.equals("arn")) {
            return "ARN";
        }
        StringBuilder out = new StringBuilder();
        for (String part : n.split("_")) {
            if (!part.isEmpty()) {
                out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return out.toString();
    }

    private static Object value(String cell) {
        String lower = cell.toLowerCase(Locale.ROOT);
        return lower.equals("true") ? Boolean.TRUE : lower.equals("false") ? Boolean.FALSE : cell;
    }

    /** RFC 4180 cells of one line (the report has no line breaks inside cells). */
    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
