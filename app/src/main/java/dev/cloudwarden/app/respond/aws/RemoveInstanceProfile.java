package dev.cloudwarden.app.respond.aws;

import dev.cloudwarden.app.respond.action.ActionContext;
import dev.cloudwarden.app.respond.action.ActionException;
import dev.cloudwarden.app.respond.action.ApiCall;
import dev.cloudwarden.app.respond.action.Effect;
import dev.cloudwarden.app.respond.action.StepOutcome;
import dev.cloudwarden.app.respond.action.StepPlan;
import dev.cloudwarden.engine.incident.Entity;
import dev.cloudwarden.engine.incident.EntityType;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IamInstanceProfileAssociation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code aws.ec2.remove_instance_profile}: the instance's IAM role taken away, so code running on it can no longer get
 * fresh credentials from the metadata service. Credentials it already fetched live on until they expire: pair this
 * with {@code aws.iam.revoke_sessions} on the role.
 */
final class RemoveInstanceProfile extends AwsAction {
    static final String NAME = "aws.ec2.remove_instance_profile";

    RemoveInstanceProfile() {
        super(NAME, "Disassociate the instance's IAM instance profile", Effect.CONTAINMENT, EntityType.INSTANCE, Map.of());
    }

    @Override
    public StepPlan plan(Entity target, Map<String, String> params, ActionContext context) {
        String id = target.value();
        return StepPlan.of(
                        ApiCall.of("ec2", "DescribeIamInstanceProfileAssociations", "Filters",
                                Map.of("instance-id", id, "state", "associated")),
                        ApiCall.of("ec2", "DisassociateIamInstanceProfile", "AssociationId", unknown("association of " + id)))
                .withNote("Credentials already taken from the metadata service stay valid until they expire: "
                        + "revoke the role's sessions too.");
    }

    @Override
    public StepOutcome execute(Entity target, Map<String, String> params, ActionContext context) throws ActionException {
        Ec2Client ec2 = ec2For(target, context);
        String id = target.value();
        List<Filter> filters = List.of(Filter.builder().name("instance-id").values(id).build(),
                Filter.builder().name("state").values("associated").build());
        List<IamInstanceProfileAssociation> found = AwsCall.run(context,
                        ApiCall.of("ec2", "DescribeIamInstanceProfileAssociations", "Filters",
                                Map.of("instance-id", id, "state", "associated")),
                        () -> ec2.describeIamInstanceProfileAssociations(r -> r.filters(filters)),
                        r -> r.iamInstanceProfileAssociations().size() + " associated")
                .iamInstanceProfileAssociations();
        List<String> profiles = new ArrayList<>();
        for (IamInstanceProfileAssociation a : found) {
            AwsCall.run(context, ApiCall.of("ec2", "DisassociateIamInstanceProfile", "AssociationId", a.associationId()),
                    () -> ec2.disassociateIamInstanceProfile(r -> r.associationId(a.associationId())),
                    r -> r.iamInstanceProfileAssociation().stateAsString());
            profiles.add(a.iamInstanceProfile().arn());
        }
        return new StepOutcome(Map.of("instance", id, "removed_profiles", String.join(",", profiles)),
                profiles.isEmpty() ? id + " has no instance profile" : "removed " + profiles + " from " + id);
    }
}
