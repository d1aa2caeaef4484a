package dev.cloudwarden.flink.job;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.incident.IncidentUpdate;
import dev.cloudwarden.engine.run.AlertGrouper;
import dev.cloudwarden.engine.run.StreamOperators;
import dev.cloudwarden.engine.sigma.correlate.CorrelationHit;
import dev.cloudwarden.engine.sigma.correlate.CorrelationStage;
import dev.cloudwarden.engine.sigma.correlate.GroupKey;
import dev.cloudwarden.flink.detect.DelayedWatermarks;
import dev.cloudwarden.flink.detect.Keyed;
import dev.cloudwarden.flink.detect.MatchOperator;
import dev.cloudwarden.flink.detect.Outputs;
import dev.cloudwarden.flink.detect.RouteHits;
import dev.cloudwarden.flink.detect.RuntimeFiles;
import dev.cloudwarden.flink.detect.SilenceAlerts;
import dev.cloudwarden.flink.ingest.Ingested;
import dev.cloudwarden.flink.state.EngineProcessFunction;
import dev.cloudwarden.flink.state.MappedInput;
import dev.cloudwarden.flink.state.StateTtl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

import java.util.ArrayList;
import java.util.List;

/**
 * The detection run as a Flink job graph, built from the engine's {@link StreamOperators} so it runs the CLI's own
 * operators: parsed events are matched in the task that parsed them; matches are keyed by correlation group, level by
 * level, and events by each behavioral detector's key; every alert passes the suppressions and then, on a watermark
 * held back by the detectors' alert delay, is grouped (keyed by rule and group key) and formed into incidents (one
 * key per tenant). The sources and sinks are the caller's.
 */
public final class DetectionJob {
    /** The one tenant's key: incidents link any alert to any open incident, so they share one key (see IncidentProcessor). */
    static final String TENANT = "";

    private DetectionJob() {
    }

    /** What the job produces, for the caller to sink. */
    public record Streams(DataStream<Alert> alerts, DataStream<Alert> openedGroups, DataStream<IncidentUpdate> incidents,
                          DataStream<Event> late, DataStream<Ingested.Rejected> rejected, DataStream<Alert> suppressed) {
    }

    /**
     * @param events       parsed events with event-time timestamps and watermarks (per partition, see the sources)
     * @param runtimeFiles rule and intel files changed while the job runs (a rules topic); null: none. Without, the
     *                     matching is chained to the source that parsed the events; with, the events cross to a
     *                     task of their own, which also holds the broadcast rules (one copy of each event)
     * @param liveUpdates  emit opened, updated and merged incidents too, not only closed ones
     */
    public static Streams build(JobSpec spec, DataStream<Ingested> events, DataStream<RuntimeFiles.Update> runtimeFiles,
                                boolean liveUpdates) {
        StreamOperators operators = new StreamOperators(spec.runConfig());
        CorrelationStage correlations = operators.correlations();
        int behaviorCount = operators.behavior().size();
        Outputs outputs = new Outputs(correlations.levelCount(), behaviorCount);
        TypeInformation<Alert> alertType = TypeInformation.of(Alert.class);

        MatchOperator match = new MatchOperator(spec, outputs);
        SingleOutputStreamOperator<Alert> matched = (runtimeFiles == null
                ? events.transform("match", alertType, match)
                : events.connect(runtimeFiles.broadcast()).transform("match", alertType, match))
                .uid("match");
        List<DataStream<Alert>> alerts = new ArrayList<>();
        alerts.add(matched);

        // correlations, a keyed operator per level; each level's hits feed the levels above
        List<DataStream<CorrelationStage.Input>> levelInputs = new ArrayList<>();
        for (int l = 0; l < correlations.levelCount(); l++) {
            levelInputs.add(matched.getSideOutput(outputs.correlationLevel(l)));
        }
        for (int l = 0; l < correlations.levelCount(); l++) {
            DataStream<CorrelationStage.Input> in = levelInputs.get(l);
            SingleOutputStreamOperator<CorrelationHit> hits = in.keyBy(new GroupOf())
                    .process(new EngineProcessFunction<>(correlationLevel(spec), TypeInformation.of(CorrelationHit.class),
                            StateTtl.correlations(operators.config())))
                    .name("correlations, level " + l).uid("correlations-" + l);
            SingleOutputStreamOperator<Alert> routed = hits.process(new RouteHits(spec, outputs), alertType)
                    .name("correlation alerts, level " + l).uid("correlation-alerts-" + l);
            alerts.add(routed);
            for (int above = l + 1; above < correlations.levelCount(); above++) {
                levelInputs.set(above, levelInputs.get(above).union(routed.getSideOutput(outputs.correlationLevel(above))));
            }
        }

        for (int i = 0; i < behaviorCount; i++) {
            String name = operators.behavior().get(i).rules().get(0).id();
            alerts.add(matched.getSideOutput(outputs.behavior(i)).keyBy(new KeyOf())
                    .process(new EngineProcessFunction<>(behavior(spec, i), alertType, StateTtl.behavior(operators.config())))
                    .name("behavior " + name).uid("behavior-" + i));
        }

        DataStream<Alert> all = alerts.get(0);
        for (DataStream<Alert> more : alerts.subList(1, alerts.size())) {
            all = all.union(more);
        }
        SingleOutputStreamOperator<Alert> kept = all.process(new SilenceAlerts(spec, outputs), alertType)
                .name("suppressions").uid("suppressions");
        DataStream<Alert> ordered = kept.transform("alert watermark", alertType,
                new DelayedWatermarks<Alert>(operators.alertDelay().toMillis())).uid("alert-watermark");

        DataStream<IncidentUpdate> incidents = null;
        if (operators.buildsIncidents()) {
            incidents = ordered.filter(new FormsIncidents(spec)).name("incident alerts").uid("incident-alerts")
                    .keyBy(a -> TENANT, TypeInformation.of(String.class))
                    .process(new EngineProcessFunction<>(incidentsOf(spec, liveUpdates), TypeInformation.of(IncidentUpdate.class),
                            StateTtl.incidents(operators.config())))
                    .name("incidents").uid("incidents");
        }
        DataStream<Alert> out = ordered;
        DataStream<Alert> opened = null;
        if (operators.groups()) {
            SingleOutputStreamOperator<Alert> grouped = ordered.keyBy(new GroupingKey(spec), TypeInformation.of(String.class))
                    .process(new EngineProcessFunction<>(grouping(spec), TypeInformation.of(AlertGrouper.Update.class),
                            StateTtl.grouping(operators.config())))
                    .name("grouping").uid("grouping")
                    .process(new SplitGroups(outputs), alertType).name("grouped alerts").uid("grouped-alerts");
            out = grouped;
            opened = grouped.getSideOutput(outputs.opened());
        }
        return new Streams(out, opened, incidents, matched.getSideOutput(outputs.late()),
                matched.getSideOutput(outputs.rejected()), kept.getSideOutput(outputs.suppressed()));
    }

    private static EngineProcessFunction.Factory<GroupKey, CorrelationStage.Input, CorrelationHit> correlationLevel(JobSpec spec) {
        return () -> new MappedInput<>(new StreamOperators(spec.runConfig()).correlations().newProcessor(),
                CorrelationStage.Input::match);
    }

    private static EngineProcessFunction.Factory<String, Keyed, Alert> behavior(JobSpec spec, int detector) {
        return () -> new MappedInput<>(new StreamOperators(spec.runConfig()).behavior().get(detector), Keyed::event);
    }

    private static EngineProcessFunction.Factory<String, Alert, IncidentUpdate> incidentsOf(JobSpec spec, boolean live) {
        return () -> new StreamOperators(spec.runConfig()).incidents(live);
    }

    private static EngineProcessFunction.Factory<String, Alert, AlertGrouper.Update> grouping(JobSpec spec) {
        return () -> new StreamOperators(spec.runConfig()).grouper();
    }

    private static final class GroupOf implements KeySelector<CorrelationStage.Input, GroupKey> {
        @Override
        public GroupKey getKey(CorrelationStage.Input in) {
            return in.key();
        }
    }

    private static final class KeyOf implements KeySelector<Keyed, String> {
        @Override
        public String getKey(Keyed in) {
            return in.key();
        }
    }

    /** Rule and group key, as the grouping operator keys its state. */
    private static final class GroupingKey implements KeySelector<Alert, String> {
        private final JobSpec spec;
        private transient AlertGrouper grouper;

        GroupingKey(JobSpec spec) {
            this.spec = spec;
        }

        @Override
        public String getKey(Alert alert) {
            if (grouper == null) {
                grouper = new StreamOperators(spec.runConfig()).grouper();
            }
            return grouper.keyOf(alert);
        }
    }

    private static final class FormsIncidents implements org.apache.flink.api.common.functions.FilterFunction<Alert> {
        private final JobSpec spec;
        private transient StreamOperators operators;

        FormsIncidents(JobSpec spec) {
            this.spec = spec;
        }

        @Override
        public boolean filter(Alert alert) {
            if (operators == null) {
                operators = new StreamOperators(spec.runConfig());
            }
            return operators.formsIncidents(alert);
        }
    }

    /** Closed groups are the alerts; an opened group's first match goes to its side output. */
    private static final class SplitGroups extends org.apache.flink.streaming.api.functions.ProcessFunction<AlertGrouper.Update, Alert> {
        private final Outputs outputs;

        SplitGroups(Outputs outputs) {
            this.outputs = outputs;
        }

        @Override
        public void processElement(AlertGrouper.Update u, Context ctx, org.apache.flink.util.Collector<Alert> out) {
            if (u.closed()) {
                out.collect(u.alert());
            } else {
                ctx.output(outputs.opened(), u.alert());
            }
        }
    }
}
