package dev.cloudwarden.engine.posture.scan;

import dev.cloudwarden.engine.posture.check.Check;
import dev.cloudwarden.engine.posture.check.Outcome;
import dev.cloudwarden.engine.posture.check.Verdict;
import dev.cloudwarden.engine.posture.model.ConfigResource;

/**
 * One check's verdict on one resource.
 *
 * @param suppression why a failure is accepted; null when it is not
 */
public record Finding(Check check, ConfigResource resource, Outcome outcome, Suppression suppression) {
    public Verdict verdict() {
        return outcome.verdict();
    }

    /** A failure nobody has accepted: what {@code --fail-on} counts. */
    public boolean open() {
        return outcome.verdict() == Verdict.FAIL && suppression == null;
    }

    public boolean suppressed() {
        return suppression != null;
    }

    /** What identifies the finding across scans (baselines): check, resource id and file. */
    public String key() {
        return check.id() + "|" + resource.id() + "|" + resource.location().file();
    }
}
