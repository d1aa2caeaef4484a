package dev.cloudwarden.flink.detect;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.behavior.BehaviorDetector;
import dev.cloudwarden.engine.detect.EventDetector;
import dev.cloudwarden.engine.detect.RuleMatches;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.run.StreamOperators;
import dev.cloudwarden.engine.sigma.correlate.CorrelationStage;
import dev.cloudwarden.flink.ingest.Ingested;
import dev.cloudwarden.flink.job.JobSpec;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.util.List;
import java.util.function.Consumer;

/**
 * The stateless part, chained to the source that parsed the events: the run's Sigma rules and intel judge each
 * event (their alerts leave on the main output), then the event's matches are routed to the correlations listening
 * to them (one side output per level) and the event to every behavioral detector that keys it (one side output per
 * detector). An event at or before the watermark is late, as in the CLI: its own matches still alert, but it feeds
 * no stateful operator, and it leaves on the late side output to be counted. Rejected records leave on theirs.
 */
public final class MatchEvents extends ProcessFunction<Ingested, Alert> {
    private final JobSpec spec;
    private final Outputs outputs;
    private transient List<EventDetector> stateless;
    private transient CorrelationStage correlations;
    private transient List<BehaviorDetector> behavior;
    private transient RuleMatches matches;

    public MatchEvents(JobSpec spec, Outputs outputs) {
        this.spec = spec;
        this.outputs = outputs;
    }

    @Override
    public void open(OpenContext context) {
        StreamOperators operators = new StreamOperators(spec.runConfig());
        stateless = operators.stateless();
        correlations = operators.correlations();
        behavior = operators.behavior();
        matches = new RuleMatches();
    }

    @Override
    public void processElement(Ingested in, Context ctx, Collector<Alert> out) {
        if (in instanceof Ingested.Rejected r) {
            ctx.output(outputs.rejected(), r);
            return;
        }
        Event event = ((Ingested.Parsed) in).event();
        matches.clear();
        Consumer<Alert> alerts = out::collect;
        for (EventDetector d : stateless) {
            d.process(event, matches, alerts);
        }
        if (event.time().toEpochMilli() <= ctx.timerService().currentWatermark()) {
            ctx.output(outputs.late(), event);
            return;
        }
        if (!matches.isEmpty()) {
            correlations.route(event, matches, routed -> ctx.output(outputs.correlationLevel(routed.level()), routed));
        }
        for (int i = 0; i < behavior.size(); i++) {
            String key = behavior.get(i).keyOf(event);
            if (key != null) {
                ctx.output(outputs.behavior(i), new Keyed(key, event));
            }
        }
    }
}
