package dev.cloudwarden.app.respond.aws;

import dev.cloudwarden.app.respond.action.Action;
import dev.cloudwarden.app.respond.action.ActionContext;
import dev.cloudwarden.app.respond.action.ActionException;
import dev.cloudwarden.app.respond.action.Effect;
import dev.cloudwarden.engine.incident.Entity;
import dev.cloudwarden.engine.incident.EntityType;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the AWS actions share: their name, effect, target and parameters as fields, the clients from the context, and
 * the tags that let a rerun of a step find what the step already made ({@value #RESPONSE_TAG},
 * {@value #STEP_TAG}).
 */
abstract class AwsAction implements Action {
    static final String RESPONSE_TAG = "cloudwarden:response";
    static final String STEP_TAG = "cloudwarden:step";

    private final String name;
    private final String description;
    private final Effect effect;
    private final EntityType target;
    private final Map<String, String> parameters;

    AwsAction(String name, String description, Effect effect, EntityType target, Map<String, String> parameters) {
        this.name = name;
        this.description = description;
        this.effect = effect;
        this.target = target;
        this.parameters = Map.copyOf(parameters);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public Effect effect() {
        return effect;
    }

    @Override
    public Set<EntityType> targets() {
        return Set.of(target);
    }

    @Override
    public Map<String, String> parameters() {
        return parameters;
    }

    static AwsClients clients(ActionContext context) throws ActionException {
        return context.client(AwsClients.class).orElseThrow(() -> new ActionException(
                "no AWS clients are configured for this response (region, credentials): nothing was changed"));
    }

    /** The tags of what this step creates, so a rerun finds it. */
    static Map<String, String> stepTags(ActionContext context) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(RESPONSE_TAG, context.responseId());
        tags.put(STEP_TAG, context.stepId());
        return tags;
    }

    /** The plan's stand-in for what only the run can learn ({@code <volumes of i-0abc>}). */
    static String unknown(String what) {
        return "<" + what + ">";
    }

    /** The EC2 client, once the target is checked to be of this action's type. */
    Ec2Client ec2For(Entity entity, ActionContext context) throws ActionException {
        requireTarget(entity);
        return clients(context).ec2();
    }

    void requireTarget(Entity entity) throws ActionException {
        if (entity.type() != target) {
            throw new ActionException(name + " acts on " + target.id() + " entities, not " + entity);
        }
    }
}
