package dev.cloudwarden.engine.run;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.sigma.eval.ReferenceEvaluator;
import dev.cloudwarden.engine.sigma.model.SourceLocation;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A known-benign match, silenced: the rules it applies to, a Sigma selection over the alert's event (the field
 * matchers), why, and until when. Falco's exceptions are the anchor; the matchers are Sigma's own, so a
 * suppression says {@code userIdentity.arn|endswith: ':role/ci-deployer'} as a rule would.
 *
 * @param rules   rule ids (or names) it applies to
 * @param expires null: no expiry
 */
public record Suppression(String title, List<String> rules, ReferenceEvaluator matcher, String reason,
                          Instant expires, SourceLocation source) {
    public Suppression {
        rules = List.copyOf(rules);
        Objects.requireNonNull(matcher, "matcher");
        Objects.requireNonNull(reason, "reason");
    }

    public boolean activeAt(Instant now) {
        return expires == null || now.isBefore(expires);
    }

    boolean silences(Alert alert) {
        return rules.contains(alert.ruleId()) && matcher.matches(alert.event().raw());
    }
}
