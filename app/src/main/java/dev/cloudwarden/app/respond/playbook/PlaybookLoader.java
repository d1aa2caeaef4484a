package dev.cloudwarden.app.respond.playbook;

import dev.cloudwarden.app.respond.action.Action;
import dev.cloudwarden.app.respond.action.Actions;
import dev.cloudwarden.app.respond.action.Effect;
import dev.cloudwarden.engine.alert.Level;
import dev.cloudwarden.engine.incident.CatalogRow;
import dev.cloudwarden.engine.incident.EntityType;
import dev.cloudwarden.engine.yaml.YamlFile;
import dev.cloudwarden.engine.yaml.YamlProblem;
import org.snakeyaml.engine.v2.nodes.Node;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates a playbook file:
 * <pre>
 * id: isolate-snapshot-redeploy
 * title: Isolate the instance, keep its disks, replace it
 * trigger: {categories: [A3, M2], min_severity: high, entities: [instance]}
 * steps:
 *   - id: snapshot
 *     action: aws.ec2.snapshot_volumes
 *     target: instance
 *   - id: terminate
 *     action: aws.ec2.terminate_instance
 *     target: instance
 *     approval: true
 *     when: incident.severity == "critical"
 *     on_failure: stop          # or continue, or goto:STEP
 * </pre>
 * Every problem names the file and line: an unknown key, action, target or parameter; a target the action does not
 * act on; a step id used twice or a {@code goto} to no step; a {@code when} that does not compile; a destructive
 * step not marked for approval; and a step that comes before the evidence it would destroy (an action's
 * {@link Action#requiresBefore()} must have run earlier on the same target type).
 */
public final class PlaybookLoader {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,80}");
    private static final Set<String> FILE_KEYS = Set.of("id", "title", "description", "trigger", "steps");
    private static final Set<String> TRIGGER_KEYS = Set.of("categories", "techniques", "min_severity", "entities");
    private static final Set<String> STEP_KEYS = Set.of("id", "title", "action", "target", "params", "when",
            "on_failure", "approval");
    private static final Pattern TECHNIQUE = Pattern.compile("T\\d{4}(\\.\\d{3})?");

    private final Actions actions;

    public PlaybookLoader(Actions actions) {
        this.actions = actions;
    }

    /** A playbook, or every problem found in its file (all of them, not only the first). */
    public record Loaded(Playbook playbook, List<YamlProblem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    public Loaded load(String file, String text) {
        List<YamlProblem> problems = new ArrayList<>();
        try {
            YamlFile yaml = YamlFile.parse(file, text);
            Map<String, Node> top = yaml.mapping(yaml.root(), FILE_KEYS);
            String id = yaml.required(top, "id", yaml.root());
            if (!ID.matcher(id).matches()) {
                problems.add(yaml.problem(top.get("id"), "playbook id '" + id + "' must be lower-case letters, digits, '.', '_' and '-'"));
            }
            Trigger trigger = trigger(yaml, top.get("trigger"), problems);
            List<Step> steps = new ArrayList<>();
            Node stepList = top.get("steps");
            if (stepList == null) {
                throw yaml.problem(yaml.root(), "'steps' is required");
            }
            for (Node node : yaml.items(stepList, "steps")) {
                try {
                    steps.add(step(yaml, node));
                } catch (YamlProblem p) {
                    problems.add(p);
                }
            }
            if (steps.isEmpty() && problems.isEmpty()) {
                problems.add(yaml.problem(stepList, "a playbook needs at least one step"));
            }
            Playbook playbook = new Playbook(id, yaml.required(top, "title", yaml.root()),
                    orEmpty(yaml.optional(top, "description")), trigger, steps, file, YamlFile.line(yaml.root()));
            if (problems.isEmpty()) { // across steps only when each step read: a broken step would be reported twice
                problems.addAll(validate(playbook));
            }
            return new Loaded(problems.isEmpty() ? playbook : null, List.copyOf(problems));
        } catch (YamlProblem p) {
            problems.add(p);
            return new Loaded(null, List.copyOf(problems));
        }
    }

    private Trigger trigger(YamlFile yaml, Node node, List<YamlProblem> problems) throws YamlProblem {
        if (node == null) {
            throw yaml.problem(yaml.root(), "'trigger' is required: which incidents the playbook answers");
        }
        Map<String, Node> t = yaml.mapping(node, TRIGGER_KEYS);
        List<String> categories = yaml.strings(t.get("categories"));
        for (String c : categories) {
            if (CatalogRow.byId(c).isEmpty()) {
                problems.add(yaml.problem(t.get("categories"), "unknown catalog row '" + c + "' (T1-T5, A1-A6, M1-M6)"));
            }
        }
        List<String> techniques = yaml.strings(t.get("techniques"));
        for (String technique : techniques) {
            if (!TECHNIQUE.matcher(technique).matches()) {
                problems.add(yaml.problem(t.get("techniques"), "'" + technique + "' is not an ATT&CK technique id (T1234 or T1234.001)"));
            }
        }
        String severity = yaml.optional(t, "min_severity");
        Level min = severity == null ? null : Level.parse(severity).orElseThrow(() -> yaml.problem(t.get("min_severity"),
                "min_severity must be one of informational, low, medium, high, critical"));
        Set<EntityType> entities = EnumSet.noneOf(EntityType.class);
        for (String e : yaml.strings(t.get("entities"))) {
            entities.add(entityType(yaml, t.get("entities"), e));
        }
        return new Trigger(categories, techniques, min, entities);
    }

    private Step step(YamlFile yaml, Node node) throws YamlProblem {
        Map<String, Node> s = yaml.mapping(node, STEP_KEYS);
        String id = yaml.required(s, "id", node);
        if (!ID.matcher(id).matches()) {
            throw yaml.problem(s.get("id"), "step id '" + id + "' must be lower-case letters, digits, '.', '_' and '-'");
        }
        String actionName = yaml.required(s, "action", node);
        Action action = actions.find(actionName).orElseThrow(() -> yaml.problem(s.get("action"),
                "step " + id + ": unknown action '" + actionName + "' (cloudwarden playbooks actions lists them)"));
        EntityType target = entityType(yaml, s.get("target") == null ? node : s.get("target"), yaml.required(s, "target", node));
        if (!action.targets().contains(target)) {
            throw yaml.problem(s.get("target"), "step " + id + ": " + actionName + " acts on "
                    + action.targets().stream().map(EntityType::id).sorted().toList() + ", not " + target.id());
        }
        Map<String, String> params = yaml.scalars(s.get("params"));
        for (String p : params.keySet()) {
            if (!action.parameters().containsKey(p)) {
                throw yaml.problem(s.get("params"), "step " + id + ": " + actionName + " takes no parameter '" + p
                        + "' (it takes " + action.parameters().keySet().stream().sorted().toList() + ")");
            }
        }
        String when = yaml.optional(s, "when");
        if (when != null) {
            try {
                StepCondition.compile(when);
            } catch (IllegalArgumentException e) {
                throw yaml.problem(s.get("when"), "step " + id + ": when: " + e.getMessage());
            }
        }
        OnFailure onFailure;
        try {
            onFailure = OnFailure.parse(yaml.optional(s, "on_failure"));
        } catch (IllegalArgumentException e) {
            throw yaml.problem(s.get("on_failure"), "step " + id + ": " + e.getMessage());
        }
        String approval = yaml.optional(s, "approval");
        if (approval != null && !approval.equals("true") && !approval.equals("false")) {
            throw yaml.problem(s.get("approval"), "step " + id + ": approval must be true or false");
        }
        if (action.effect() == Effect.DESTRUCTIVE && !"true".equals(approval)) {
            throw yaml.problem(node, "step " + id + ": " + actionName + " is destructive: it needs 'approval: true'");
        }
        return new Step(id, orEmpty(yaml.optional(s, "title")).isEmpty() ? action.description() : yaml.optional(s, "title"),
                actionName, target, params, when, onFailure, "true".equals(approval), YamlFile.line(node));
    }

    /** The checks across steps: unique ids, goto targets, and evidence before what would destroy it. */
    private List<YamlProblem> validate(Playbook p) {
        List<YamlProblem> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<Step> before = new ArrayList<>();
        for (Step step : p.steps()) {
            if (!seen.add(step.id())) {
                problems.add(new YamlProblem(p.file(), step.line(), "step id '" + step.id() + "' is used twice"));
            }
            if (step.onFailure() instanceof OnFailure.Goto g && (p.step(g.step()).isEmpty() || g.step().equals(step.id()))) {
                problems.add(new YamlProblem(p.file(), step.line(), "step " + step.id() + ": on_failure goes to '"
                        + g.step() + "', which is " + (g.step().equals(step.id()) ? "the step itself" : "no step of this playbook")));
            }
            List<String> needed = actions.find(step.action()).map(Action::requiresBefore).orElse(List.of());
            if (!needed.isEmpty() && before.stream().noneMatch(b -> needed.contains(b.action()) && b.target() == step.target())) {
                problems.add(new YamlProblem(p.file(), step.line(), "step " + step.id() + ": " + step.action()
                        + " destroys evidence; it must come after a step that keeps it (" + String.join(" or ", needed)
                        + " on the same " + step.target().id() + ")"));
            }
            before.add(step);
        }
        return problems;
    }

    private static EntityType entityType(YamlFile yaml, Node at, String text) throws YamlProblem {
        return Arrays.stream(EntityType.values()).filter(t -> t.id().equals(text.toLowerCase(Locale.ROOT)))
                .findFirst().orElseThrow(() -> yaml.problem(at, "unknown entity type '" + text + "' (one of "
                        + Arrays.stream(EntityType.values()).map(EntityType::id).toList() + ")"));
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
