package dev.cloudwarden.app.cli;

import dev.cloudwarden.app.output.TerminalText;
import dev.cloudwarden.engine.sigma.eval.SigmaConfig;
import dev.cloudwarden.engine.sigma.load.Replacement;
import dev.cloudwarden.engine.sigma.load.RuleFile;
import dev.cloudwarden.engine.sigma.load.RuleFiles;
import dev.cloudwarden.engine.sigma.load.RuleSet;
import dev.cloudwarden.engine.sigma.load.RuleTuning;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Which rules a command uses: the built-in pack and any {@code --rules} paths. */
public final class RulesMixin {
    @Option(names = "--rules", paramLabel = "PATH",
            description = {"Sigma rule files or directories (recursive) to use besides the built-in pack; repeatable.",
                    "A rule with the id of a built-in rule replaces it (a newer SigmaHQ checkout, say), with a notice on stderr."})
    List<Path> paths = new ArrayList<>();

    @Option(names = "--no-builtin", description = "Leave out the built-in rule pack.")
    boolean noBuiltin;

    /** Whether the built-in pack is used. */
    public boolean builtIn() {
        return !noBuiltin;
    }

    /** The rule files to compile: the built-in pack (unless --no-builtin) and those under --rules. */
    public List<RuleFile> files(CommandSpec spec) {
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

    /** The rules, compiled; one notice on stderr per built-in rule a --rules file replaced. */
    public RuleSet load(CommandSpec spec) {
        RuleSet set = RuleSet.compile(files(spec), SigmaConfig.defaults(), noBuiltin ? RuleTuning.NONE : RuleTuning.builtIn());
        PrintWriter err = spec.commandLine().getErr();
        for (Replacement r : set.replacements()) {
            err.println("notice: " + TerminalText.safe(r.replacement().file()) + " replaces built-in rule "
                    + TerminalText.safe(r.id()) + " (" + TerminalText.safe(r.title()) + ")");
        }
        err.flush();
        return set;
    }

    /** What a listing's summary line adds: replacements, and the rules left out for errors. */
    static String listingNote(RuleSet set) {
        return replacedNote(set) + (set.errors().isEmpty() ? "" : " (" + set.errors().size()
                + " files or rules with errors left out: cloudwarden rules validate)");
    }

    /** What a summary line adds about replacements: {@code ", 57 built-in rules replaced"}, or nothing. */
    static String replacedNote(RuleSet set) {
        int n = set.replacements().size();
        return n == 0 ? "" : ", " + n + " built-in rule" + (n == 1 ? "" : "s") + " replaced";
    }
}
