package dev.cloudwarden.app.server;

import dev.cloudwarden.app.store.PlatformStore;
import dev.cloudwarden.app.store.RuleState;
import dev.cloudwarden.engine.behavior.BehaviorDetector;
import dev.cloudwarden.engine.behavior.BehaviorEngine;
import dev.cloudwarden.engine.behavior.BehaviorRule;
import dev.cloudwarden.engine.intel.IocType;
import dev.cloudwarden.engine.intel.match.IntelDetector;
import dev.cloudwarden.engine.run.DetectionRun;
import dev.cloudwarden.engine.run.RunConfig;
import dev.cloudwarden.engine.sigma.coverage.RuleCoverage;
import dev.cloudwarden.engine.sigma.load.RuleSet;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which of the service's rules are switched off: kept in the store (so a restart keeps them), applied to the
 * running detection run from the next event, each switch audited by the store. The API and the UI switch through it.
 */
public final class RuleSwitches {
    private final RunConfig config;
    private final DetectionRun run;
    private final PlatformStore store;
    /** Every id a switch may name: Sigma rules, correlations, behavioral detectors' rules, intel match rules. */
    private final Set<String> known = new TreeSet<>();
    /** Rules switched off, by id, with the state the store holds. */
    private final Map<String, RuleState> off = new ConcurrentHashMap<>();
    /** The coverage of the rules on: computed again only when a switch changes it (the matrix page reads it often). */
    private RuleCoverage coverage;

    RuleSwitches(RunConfig config, DetectionRun run, PlatformStore store) {
        this.config = config;
        this.run = run;
        this.store = store;
        config.rules().rules().forEach(r -> known.add(r.key()));
        config.rules().correlations().forEach(c -> known.add(RuleSet.key(c)));
        for (BehaviorDetector d : BehaviorEngine.detectors(config.behavior())) {
            d.rules().stream().map(BehaviorRule::id).forEach(known::add);
        }
        if (config.intel() != null) {
            for (IocType t : IocType.values()) {
                known.add(IntelDetector.RULE_PREFIX + t.id());
            }
        }
        // a rule switched off before stays off, also one this service does not load (it is listed, and may be loaded later)
        store.ruleStates().stream().filter(s -> !s.enabled()).forEach(s -> off.put(s.ruleId(), s));
        run.disableRules(off.keySet());
    }

    /** The rules the service loaded. */
    public RuleSet rules() {
        return config.rules();
    }

    /** Whether {@code id} names a rule of this service (a switch may name only those). */
    public boolean isKnown(String id) {
        return known.contains(id);
    }

    /** Why the rule is off, when it is. */
    public Optional<RuleState> offState(String id) {
        return Optional.ofNullable(off.get(id));
    }

    /** Every rule switched off, also those this service does not load, by id. */
    public List<RuleState> switchedOff() {
        return off.values().stream().sorted(Comparator.comparing(RuleState::ruleId)).toList();
    }

    /**
     * Switches a rule off or on for {@code actor}: stored first (a switch the store did not keep must not take effect,
     * or a restart would undo it silently), then applied to the run.
     *
     * @throws IllegalArgumentException for a rule this service does not run, or switching off without a reason
     */
    public synchronized RuleState set(String actor, String id, boolean enabled, String reason) {
        if (!known.contains(id)) {
            throw new IllegalArgumentException("no rule " + id + " runs in this service");
        }
        if (!enabled && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("switching a rule off needs a reason (the audit log and the rule list show it)");
        }
        RuleState s = store.switchRule(actor, id, enabled, reason);
        if (s.enabled()) {
            off.remove(id);
        } else {
            off.put(id, s);
        }
        run.disableRules(off.keySet());
        coverage = null;
        return s;
    }

    /** The ATT&CK and catalog coverage of the rules switched on. */
    public synchronized RuleCoverage coverage() {
        RuleCoverage c = coverage;
        if (c == null) {
            c = RuleCoverage.of(config.rules(), key -> !off.containsKey(key));
            coverage = c;
        }
        return c;
    }
}
