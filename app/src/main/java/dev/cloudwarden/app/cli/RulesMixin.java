package dev.cloudwarden.app.cli;

import dev.cloudwarden.engine.sigma.eval.SigmaConfig;
import dev.cloudwarden.engine.sigma.load.RuleFile;
import dev.cloudwarden.engine.sigma.load.RuleFiles;
import dev.cloudwarden.engine.sigma.load.RuleSet;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Which rules a command uses: the built-in pack and any {@code --rules} paths. */
public final class RulesMixin {
    @Option(names = "--rules", paramLabel = "PATH",
            description = "Sigma rule files or directories (recursive) to use besides the built-in pack; repeatable.")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--no-builtin", description = "Leave out the built-in rule pack.")
    boolean noBuiltin;

    List<RuleFile> files(CommandSpec spec) {
        List<RuleFile> files = new ArrayList<>();
        if (!noBuiltin) {
            files.addAll(RuleFiles.builtIn());
        }
        try {
            files.addAll(RuleFiles.fromPaths(paths));
        } catch (java.io.FileNotFoundException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "cannot read rules: " + e.getMessage());
        }
        return files;
    }

    /** Rule test files: the built-in pack's (unless --no-builtin) and those under the --rules paths. */
    List<RuleFile> testFiles(CommandSpec spec) {
        try {
            List<RuleFile> files = new ArrayList<>(noBuiltin ? List.of() : RuleFiles.builtInTests());
            files.addAll(RuleFiles.testsFromPaths(paths));
            return files;
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "cannot read rule tests: " + e.getMessage());
        }
    }

    RuleSet load(CommandSpec spec) {
        return RuleSet.compile(files(spec), SigmaConfig.defaults(),
                noBuiltin ? dev.cloudwarden.engine.sigma.load.RuleTuning.NONE : dev.cloudwarden.engine.sigma.load.RuleTuning.builtIn());
    }
}
