package dev.cloudwarden.engine.posture.source.terraform;

import dev.cloudwarden.engine.posture.model.ConfigResource;
import dev.cloudwarden.engine.posture.model.Location;
import dev.cloudwarden.engine.posture.model.ParseProblem;
import dev.cloudwarden.engine.posture.model.ParsedConfig;
import dev.cloudwarden.engine.posture.source.ConfigFile;
import dev.cloudwarden.engine.posture.source.ConfigSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Terraform configuration: a module folder's {@code .tf} and {@code .tf.json} files read together, its variables set
 * from {@code terraform.tfvars} and {@code *.auto.tfvars}, local modules it calls evaluated with their inputs.
 *
 * <p>Each {@code resource}, {@code data}, {@code provider} and {@code module} block becomes one resource (or one per
 * instance of a known {@code count}/{@code for_each}), with the ids Checkov gives them:
 * <ul>
 *   <li>resource: type {@code aws_s3_bucket}, id {@code aws_s3_bucket.data}; with a known count
 *       {@code aws_s3_bucket.data[0]}, with a known for_each {@code aws_s3_bucket.data["key"]};</li>
 *   <li>data source: type {@code data.aws_iam_policy_document}, id {@code aws_iam_policy_document.p} (Checkov's data
 *       checks name them without the {@code data.} prefix);</li>
 *   <li>provider: type {@code provider.aws}, id {@code aws.default} or {@code aws.<alias>};</li>
 *   <li>module call: type {@code module}, id {@code module.vpc};</li>
 *   <li>in a called module, ids and references are prefixed with the module's address:
 *       {@code module.vpc.aws_subnet.a}, {@code module.s3["a"].aws_s3_bucket.b}.</li>
 * </ul>
 * References are addresses: {@code aws_s3_bucket.logs}, {@code data.aws_iam_policy_document.p},
 * {@code module.vpc} (the type and name, without an instance index).
 */
public final class TerraformSource implements ConfigSource {
    @Override
    public String name() {
        return "terraform";
    }

    @Override
    public boolean accepts(Path file, String head) {
        Path name = file.getFileName();
        if (name == null) {
            return false;
        }
        String n = name.toString();
        return TerraformFiles.isConfiguration(n) || TerraformFiles.isVariables(n);
    }

    @Override
    public ParsedConfig parse(List<ConfigFile> folder) {
        List<ParseProblem> problems = new ArrayList<>();
        List<ConfigResource> resources = new ArrayList<>();
        String where = folder.isEmpty() ? "" : folder.get(0).displayName();
        try {
            ModuleLoader loader = new ModuleLoader(problems);
            ModuleDefinition def = loader.loadRoot(folder);
            Evaluator evaluator = new Evaluator(new Budget(Budget.DEFAULT_STEPS), Functions.standard());
            ModuleInstance.root(def, evaluator, loader).emit(resources);
            if (evaluator.budget().exhausted()) {
                problems.add(new ParseProblem(Location.of(where, 0),
                        "evaluation stopped early: the configuration is too costly to evaluate; later values are unknown"));
            }
        } catch (RuntimeException | StackOverflowError e) {
            problems.add(new ParseProblem(Location.of(where, 0), "cannot evaluate the module: " + e));
        }
        return new ParsedConfig(resources, problems);
    }
}
