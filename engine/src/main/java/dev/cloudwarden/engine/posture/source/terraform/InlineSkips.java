package dev.cloudwarden.engine.posture.source.terraform;

import dev.cloudwarden.engine.posture.model.InlineSkip;
import dev.cloudwarden.engine.posture.source.terraform.hcl.Comment;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Skips written as comments inside a block: {@code #checkov:skip=CKV_AWS_20:reason} (also with {@code //} or in a
 * block comment), and the same with {@code cloudwarden:skip=}. Several ids may be separated by commas.
 */
final class InlineSkips {
    private static final Pattern SKIP = Pattern.compile(
            "(?:checkov|cloudwarden):skip=\\s*([A-Za-z0-9_.\\-]+(?:\\s*,\\s*[A-Za-z0-9_.\\-]+)*)(?:\\s*:([^\\n]*))?");

    private InlineSkips() {
    }

    static List<InlineSkip> within(List<Comment> comments, int line, int endLine) {
        List<InlineSkip> out = new ArrayList<>();
        for (Comment c : comments) {
            if (c.line() < line || c.line() > endLine) {
                continue;
            }
            Matcher m = SKIP.matcher(c.text());
            while (m.find()) {
                String reason = m.group(2) == null ? "" : m.group(2).strip();
                if (reason.endsWith("*/")) {
                    reason = reason.substring(0, reason.length() - 2).strip();
                }
                for (String id : m.group(1).split(",")) {
                    out.add(new InlineSkip(id.strip(), reason));
                }
            }
        }
        return out;
    }
}
