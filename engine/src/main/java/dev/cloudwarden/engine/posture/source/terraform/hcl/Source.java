package dev.cloudwarden.engine.posture.source.terraform.hcl;

/**
 * Text being parsed: a whole file, or a heredoc's body re-parsed as a template after its indentation is stripped.
 * {@code firstLine} is the file line of the text's first character, so every position reported is a file position.
 */
public record Source(String fileName, String text, int firstLine) {
    public static Source of(String fileName, String text) {
        return new Source(fileName, text, 1);
    }

    public String slice(int start, int end) {
        int s = Math.max(0, Math.min(start, text.length()));
        int e = Math.max(s, Math.min(end, text.length()));
        return text.substring(s, e);
    }
}
