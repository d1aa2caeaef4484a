package dev.cloudwarden.app.respond.aws;

import dev.cloudwarden.app.respond.action.ActionContext;
import dev.cloudwarden.app.respond.action.ActionException;
import dev.cloudwarden.app.respond.action.DeclaredAction;
import dev.cloudwarden.app.respond.action.Effect;
import dev.cloudwarden.engine.incident.Entity;
import dev.cloudwarden.engine.incident.EntityType;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the AWS actions share: one target type, the clients from the context, and
 * the tags that let a rerun of a step find what the step already made ({@value #RESPONSE_TAG},
 * {@value #STEP_TAG}).
 */
abstract class AwsAction extends DeclaredAction {
    static final String RESPONSE_TAG = "cloudwarden:response";
    static final String STEP_TAG = "cloudwarden:step";

    AwsAction(String name, String description, Effect effect, EntityType target, Map<String, String> parameters) {
        super(name, description, effect, Set.of(target), parameters);
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
        if (!targets().contains(entity.type())) {
            throw new ActionException(name() + " acts on " + targets().iterator().next().id() + " entities, not " + entity);
        }
    }
}
