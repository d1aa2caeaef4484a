package dev.cloudwarden.app.cli;

import dev.cloudwarden.app.output.TerminalText;
import dev.cloudwarden.app.respond.IncidentSource;
import dev.cloudwarden.app.respond.Playbooks;
import dev.cloudwarden.app.respond.ResponseActions;
import dev.cloudwarden.app.respond.action.Actions;
import dev.cloudwarden.app.respond.playbook.Playbook;
import dev.cloudwarden.app.respond.run.Clients;
import dev.cloudwarden.app.respond.run.PlanWriter;
import dev.cloudwarden.app.respond.run.Planner;
import dev.cloudwarden.app.respond.run.ResponsePlan;
import dev.cloudwarden.app.respond.run.ResponseRunner;
import dev.cloudwarden.app.respond.run.RunReport;
import dev.cloudwarden.app.respond.run.StepResult;
import dev.cloudwarden.app.store.PlatformStore;
import dev.cloudwarden.app.store.ResponseStep;
import dev.cloudwarden.app.store.StoreException;
import dev.cloudwarden.engine.incident.Incident;
import dev.cloudwarden.engine.yaml.YamlProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code cloudwarden respond INCIDENT}: the playbooks that answer an incident, as a plan (a dry run, the default),
 * then carried out with {@code --execute}; destructive steps wait for {@code --approve STEP}.
 */
@Command(name = "respond", mixinStandardHelpOptions = true,
        description = {"Plans the response to an incident with the playbooks that answer it, and carries it out with "
                + "--execute. A dry run touches nothing; every call of an execution is kept in the incident's audit trail.",
                "Exit code: 0 planned or done; 4 stopped (a step failed, or waits for an approval: rerun to resume); "
                        + "2 usage error, unknown incident, or a bad playbook."})
public final class RespondCommand implements Callable<Integer> {
    static final int EXIT_STOPPED = 4;

    enum Format { table, json }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "INCIDENT_ID", description = "The incident (its id in the store, or in --incidents).")
    String incidentId;

    @Mixin
    PlatformStoreOption store;

    @Option(names = "--incidents", paramLabel = "FILE",
            description = "Read the incident from this NDJSON of incidents (scan's or the demo's results/incidents.ndjson) "
                    + "instead of the store; the response's state is still kept in the store when executing.")
    Path incidents;

    @Option(names = "--playbook", split = ",", paramLabel = "ID",
            description = "Only these playbooks (default: every playbook whose trigger the incident meets).")
    List<String> only = new ArrayList<>();

    @Option(names = "--playbooks", paramLabel = "FILE|DIR", description = "Your playbooks, beside the built-in ones. Repeatable.")
    List<Path> morePlaybooks = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table, or json (one object per step: action, API calls and parameters, costs). Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(names = "--execute", description = "Carry the plan out (resuming where an earlier run stopped).")
    boolean execute;

    @Option(names = "--approve", split = ",", paramLabel = "STEP", description = "Approve these steps first (audited). Repeatable.")
    List<String> approve = new ArrayList<>();

    @Option(names = "--undo", paramLabel = "STEP", description = "Reverse a step that succeeded, where its action allows it.")
    String undo;

    @Option(names = "--trail", description = "Print the incident's response audit trail (every event and call) and stop.")
    boolean trail;

    @Mixin
    ResponseClientOptions clientOptions;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Actions actions = ResponseActions.builtIn();
        List<Playbook> playbooks = new ArrayList<>();
        List<YamlProblem> problems = new ArrayList<>(collect(Playbooks.builtIn(actions), playbooks));
        problems.addAll(collect(Playbooks.files(morePlaybooks, actions), playbooks));
        if (!problems.isEmpty()) {
            problems.forEach(p -> err.println("playbook error: " + TerminalText.safe(p.getMessage())));
            return CloudWardenCli.EXIT_USAGE;
        }
        boolean needsStore = execute || undo != null || !approve.isEmpty() || trail || incidents == null || store.location != null;
        try (PlatformStore s = needsStore ? PlatformStore.open(store.location()) : null) {
            if (trail) {
                printTrail(s.responseTrail(incidentId), out);
                return CloudWardenCli.EXIT_OK;
            }
            Optional<Incident> incident = incidents != null ? IncidentSource.fromFile(incidents, incidentId)
                    : IncidentSource.fromStore(s, incidentId);
            if (incident.isEmpty()) {
                err.println("cloudwarden respond: no incident " + TerminalText.safe(incidentId) + " in "
                        + TerminalText.safe(incidents != null ? incidents.toString() : s.display()));
                return CloudWardenCli.EXIT_USAGE;
            }
            List<Playbook> chosen = playbooks.stream().filter(p -> only.isEmpty() || only.contains(p.id())).toList();
            for (String id : only) {
                if (chosen.stream().noneMatch(p -> p.id().equals(id))) {
                    err.println("cloudwarden respond: no playbook " + TerminalText.safe(id));
                    return CloudWardenCli.EXIT_USAGE;
                }
            }
            Planner planner = new Planner(actions, Clock.systemUTC());
            List<ResponsePlan> plans = only.isEmpty() ? planner.plans(incident.get(), chosen)
                    : chosen.stream().map(p -> planner.plan(incident.get(), p)).toList();
            if (plans.isEmpty()) {
                out.println("No playbook answers incident " + incident.get().id() + " (cloudwarden playbooks list shows their triggers).");
                return CloudWardenCli.EXIT_OK;
            }
            Clients clients = Clients.none();
            boolean act = execute || undo != null;
            if (act) {
                Optional<String> missing = clientOptions.configure(clients, plans,
                        s.file().map(java.nio.file.Path::toAbsolutePath).map(java.nio.file.Path::getParent).orElse(null));
                if (missing.isPresent()) {
                    err.println("cloudwarden respond: " + missing.get() + "; showing the plan only");
                    act = false;
                }
            }
            int exit = CloudWardenCli.EXIT_OK;
            ResponseRunner runner = s == null ? null : new ResponseRunner(s, clients, PlatformStoreOption.CLI_ACTOR,
                    Clock.systemUTC(), clientOptions.pauser());
            for (ResponsePlan plan : plans) {
                for (String step : approve) {
                    if (plan.playbook().step(step).isPresent()) {
                        runner.approve(plan, step);
                    }
                }
                if (act && undo != null) {
                    exit = Math.max(exit, report(runner.undo(plan, undo), out));
                } else if (act) {
                    exit = Math.max(exit, report(runner.execute(plan), out));
                }
                print(plan, s, out);
            }
            if (!act) {
                (format == Format.json ? err : out).println("Dry run: nothing was changed. --execute carries it out.");
                err.flush();
            }
            out.flush();
            return exit;
        } catch (StoreException | IllegalArgumentException e) {
            err.println("cloudwarden respond: " + TerminalText.safe(e.getMessage()));
            return CloudWardenCli.EXIT_USAGE;
        }
    }

    private static void printTrail(List<dev.cloudwarden.app.store.ResponseAuditEntry> entries, PrintWriter out) {
        for (var e : entries) {
            String call = e.service() == null ? "" : " " + e.service() + " " + e.operation()
                    + (e.requestId() == null ? "" : " request " + e.requestId()) + (Boolean.FALSE.equals(e.ok()) ? " FAILED" : "");
            out.println(TerminalText.safe(e.at() + " " + e.actor() + " " + e.event() + (e.stepId() == null ? "" : " " + e.stepId())
                    + (e.target() == null ? "" : " " + e.target()) + call + (e.detail() == null ? "" : " — " + e.detail())));
        }
        out.flush();
    }

    private static List<YamlProblem> collect(Playbooks.Loaded loaded, List<Playbook> into) {
        into.addAll(loaded.playbooks());
        return loaded.problems();
    }

    private void print(ResponsePlan plan, PlatformStore s, PrintWriter out) throws IOException {
        Map<String, ResponseStep> state = new HashMap<>();
        if (s != null) {
            s.responseSteps(plan.responseId()).forEach(st -> state.put(st.stepKey(), st));
        }
        if (format == Format.json) {
            PlanWriter.json(plan, state, out);
        } else {
            PlanWriter.table(plan, state, out);
            out.println();
        }
    }

    private static int report(RunReport r, PrintWriter out) {
        for (StepResult x : r.results()) {
            out.println(x.step().key() + ": " + x.status() + (x.resumed() ? " (earlier run)" : "")
                    + (x.detail() == null ? "" : " — " + TerminalText.safe(x.detail())));
        }
        if (!r.complete()) {
            out.println("Stopped at " + r.stoppedAt().key() + ": " + TerminalText.safe(r.reason()));
            return EXIT_STOPPED;
        }
        return r.failed() ? EXIT_STOPPED : CloudWardenCli.EXIT_OK;
    }
}
