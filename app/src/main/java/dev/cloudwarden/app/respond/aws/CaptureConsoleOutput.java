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
import software.amazon.awssdk.services.ec2.model.GetConsoleOutputResponse;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * {@code aws.ec2.capture_console_output}: the instance's serial console output (the latest, not the boot-time buffer),
 * decoded and kept in the step's outputs — kernel messages and what cloud-init ran, gone once the instance is
 * replaced. Reads only, so a rerun just reads again.
 */
final class CaptureConsoleOutput extends AwsAction {
    static final String NAME = "aws.ec2.capture_console_output";

    CaptureConsoleOutput() {
        super(NAME, "Keep the instance's latest console output as evidence", Effect.EVIDENCE, EntityType.INSTANCE, Map.of());
    }

    @Override
    public StepPlan plan(Entity target, Map<String, String> params, ActionContext context) {
        return StepPlan.of(ApiCall.of("ec2", "GetConsoleOutput", "InstanceId", target.value(), "Latest", true));
    }

    @Override
    public StepOutcome execute(Entity target, Map<String, String> params, ActionContext context) throws ActionException {
        Ec2Client ec2 = ec2For(target, context);
        String id = target.value();
        GetConsoleOutputResponse r = AwsCall.run(context, ApiCall.of("ec2", "GetConsoleOutput", "InstanceId", id, "Latest", true),
                () -> ec2.getConsoleOutput(b -> b.instanceId(id).latest(true)),
                o -> o.output() == null ? "no output yet" : "captured");
        String text = r.output() == null ? "" : new String(Base64.getMimeDecoder().decode(r.output()), StandardCharsets.UTF_8);
        return new StepOutcome(Map.of("instance", id, "console_output", text,
                "captured_at", r.timestamp() == null ? context.clock().instant().toString() : r.timestamp().toString()),
                text.isEmpty() ? "no console output of " + id + " yet" : text.lines().count() + " lines of console output of " + id);
    }
}
