package dev.cloudwarden.app.respond.evidence;

import java.io.IOException;

/**
 * Where an action keeps the files it collects or makes (a pod's manifest and logs, a host's firewall script) beyond its
 * step outputs, which are kept in the response's state and so are bounded. An action asks for one with
 * {@code context.client(EvidenceStore.class)}; when the context offers none, the outputs are all there is.
 *
 * <p>Writing the same name again replaces the file: a step that is run again leaves one copy, of its latest run.
 */
public interface EvidenceStore {
    /**
     * Keeps {@code content} as {@code name} among the files of one step of one response.
     *
     * @param name a plain file name ({@code manifest.yaml}, {@code log-app.txt}); see {@link #safeName}
     * @return where it is, for the step's outputs and the audit trail (a path, a URL)
     */
    String write(String responseId, String stepId, String name, byte[] content) throws IOException;

    /**
     * {@code text} made into one file-name segment: letters, digits, {@code . _ -} kept, anything else {@code _},
     * never empty, never {@code .} or {@code ..}, at most 100 characters. Container names and response ids come from
     * outside (a pod spec, a playbook), so they are never used as paths as they are.
     */
    static String safeName(String text) {
        StringBuilder b = new StringBuilder(Math.min(text.length(), 100));
        for (int i = 0; i < text.length() && b.length() < 100; i++) {
            char c = text.charAt(i);
            boolean plain = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '.' || c == '_' || c == '-';
            b.append(plain ? c : '_');
        }
        String s = b.toString();
        return s.isEmpty() || s.chars().allMatch(c -> c == '.') ? "_" + s : s;
    }
}
