package dev.cloudwarden.app.cli;

import dev.cloudwarden.app.output.TerminalText;
import dev.cloudwarden.app.respond.Playbooks;
import dev.cloudwarden.app.respond.ResponseActions;
import dev.cloudwarden.app.respond.action.Action;
import dev.cloudwarden.app.respond.action.Actions;
import dev.cloudwarden.app.respond.playbook.Playbook;
import dev.cloudwarden.app.respond.playbook.Step;
import dev.cloudwarden.engine.incident.EntityType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code cloudwarden playbooks validate|list|actions}. */
@Command(name = "playbooks", mixinStandardHelpOptions = true, description = "Checks and lists response playbooks and the actions they run.",
        subcommands = {PlaybooksCommand.Validate.class, PlaybooksCommand.ListPlaybooks.class, PlaybooksCommand.ListActions.class})
public final class PlaybooksCommand {
    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = {"Checks playbook files (the built-in ones when none is given): keys, actions, targets, parameters, "
                    + "conditions, and that no destructive step comes before the evidence step it needs.",
                    "Exit code: 0 valid; 2 a problem, printed as file:line: reason."})
    static final class Validate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "0..*", paramLabel = "FILE|DIR")
        List<Path> paths = new ArrayList<>();

        @Override
        public Integer call() throws IOException {
            Actions actions = ResponseActions.builtIn();
            Playbooks.Loaded loaded = paths.isEmpty() ? Playbooks.builtIn(actions) : Playbooks.files(paths, actions);
            PrintWriter err = spec.commandLine().getErr();
            loaded.problems().forEach(p -> err.println(TerminalText.safe(p.getMessage())));
            spec.commandLine().getOut().printf("%d playbooks valid, %d problems%n", loaded.playbooks().size(),
                    loaded.problems().size());
            return loaded.problems().isEmpty() ? CloudWardenCli.EXIT_OK : CloudWardenCli.EXIT_USAGE;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The built-in playbooks: trigger and steps.")
    static final class ListPlaybooks implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            for (Playbook p : Playbooks.builtIn(ResponseActions.builtIn()).playbooks()) {
                var t = p.trigger();
                out.printf("%s: %s%n  when: %s%s%s%s%n", p.id(), p.title(),
                        t.categories().isEmpty() ? "" : "categories " + String.join(",", t.categories()) + " ",
                        t.techniques().isEmpty() ? "" : "techniques " + String.join(",", t.techniques()) + " ",
                        t.minSeverity() == null ? "" : "severity >= " + t.minSeverity().id() + " ",
                        t.entities().isEmpty() ? "" : "entities " + t.entities().stream().map(EntityType::id).sorted().toList());
                for (Step s : p.steps()) {
                    out.printf("  %-14s %-34s on %s%s%n", s.id(), s.action(), s.target().id(), s.approval() ? " (approval)" : "");
                }
            }
            return CloudWardenCli.EXIT_OK;
        }
    }

    @Command(name = "actions", mixinStandardHelpOptions = true, description = "The actions playbooks can name, with their parameters.")
    static final class ListActions implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            for (Action a : ResponseActions.builtIn().all()) {
                out.printf("%s (%s, on %s%s)%n  %s%n", a.name(), a.effect().name().toLowerCase(Locale.ROOT),
                        a.targets().stream().map(EntityType::id).sorted().toList(),
                        a.requiresBefore().isEmpty() ? "" : "; after " + String.join(" or ", a.requiresBefore()),
                        a.description());
                a.parameters().forEach((k, v) -> out.printf("    %s: %s%n", k, v));
            }
            return CloudWardenCli.EXIT_OK;
        }
    }
}
