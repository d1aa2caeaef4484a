package dev.cloudwarden.app.posture;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.engine.posture.scan.Finding;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Failures already known, so a scan reports only new ones. Read from an earlier {@code posture scan --format json}
 * (one finding per line; its failed ones count) or from Checkov's own baseline ({@code .checkov.baseline}:
 * {@code failed_checks[].file} and {@code findings[].resource}, {@code check_ids}), so a team moving from Checkov keeps
 * its accepted debt. A finding is known when the resource id is the same, the check answers to one of the ids (its own
 * or an equivalent) and the file is the same, compared without a leading {@code /} or {@code ./} and as a path suffix
 * (Checkov writes files relative to the scanned folder).
 */
public final class Baseline {
    private record Known(String file, String resource, List<String> checkIds) {
    }

    private final List<Known> known;

    private Baseline(List<Known> known) {
        this.known = List.copyOf(known);
    }

    public static Baseline read(Path file) throws IOException {
        String text = Files.readString(file);
        List<Known> known = new ArrayList<>();
        String trimmed = text.stripLeading();
        JsonNode root = trimmed.startsWith("{") ? Json.MAPPER.readTree(text) : null;
        if (root != null && root.has("failed_checks")) {
            for (JsonNode f : root.path("failed_checks")) {
                for (JsonNode finding : f.path("findings")) {
                    List<String> ids = new ArrayList<>();
                    finding.path("check_ids").forEach(id -> ids.add(id.asText()));
                    known.add(new Known(f.path("file").asText(""), finding.path("resource").asText(), ids));
                }
            }
            return new Baseline(known);
        }
        int line = 0;
        for (String l : text.split("\n")) {
            line++;
            if (l.isBlank()) {
                continue;
            }
            JsonNode n;
            try {
                n = Json.MAPPER.readTree(l);
            } catch (IOException e) {
                throw new IOException(file + ":" + line + ": not a finding (JSON, one per line, or Checkov's baseline): "
                        + e.getMessage());
            }
            if ("fail".equals(n.path("status").asText())) {
                known.add(new Known(n.path("file").asText(""), n.path("resource").asText(), List.of(n.path("check_id").asText())));
            }
        }
        return new Baseline(known);
    }

    public boolean knows(Finding f) {
        for (Known k : known) {
            if (k.resource().equals(f.resource().id()) && k.checkIds().stream().anyMatch(f.check()::answersTo)
                    && sameFile(k.file(), f.resource().location().file())) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameFile(String baseline, String scanned) {
        String a = bare(baseline);
        String b = bare(scanned);
        return a.isEmpty() || a.equals(b) || b.endsWith("/" + a);
    }

    private static String bare(String path) {
        String p = path.replace('\\', '/');
        while (p.startsWith("./") || p.startsWith("/")) {
            p = p.substring(p.startsWith("./") ? 2 : 1);
        }
        return p;
    }
}
