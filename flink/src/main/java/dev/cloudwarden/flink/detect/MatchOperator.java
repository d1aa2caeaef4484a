package dev.cloudwarden.flink.detect;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.sigma.correlate.CorrelationStage;
import dev.cloudwarden.flink.ingest.Ingested;
import dev.cloudwarden.flink.job.JobSpec;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * The stateless part of detection: every parsed event judged by the run's rules and intel. Without a rules topic it
 * is chained to the source that parsed the events (no copy between parsing and matching); with one, its second
 * input is the rules topic, broadcast to every task and kept in broadcast state, so rules and intel change while
 * the job runs and survive a restore.
 *
 * <p>Outputs: the stateless detectors' alerts on the main output; correlation inputs per level, behavioral inputs
 * per detector, late events and rejected records on side outputs ({@link Outputs}). An event at or before the
 * watermark is late, as in the CLI: its own matches still alert, but it feeds no stateful operator.
 */
public final class MatchOperator extends AbstractStreamOperator<Alert> implements
        OneInputStreamOperator<Ingested, Alert>, TwoInputStreamOperator<Ingested, RuntimeFiles.Update, Alert> {
    private static final Logger LOG = LoggerFactory.getLogger(MatchOperator.class);
    /** The runtime files by key: the same on every task. */
    static final MapStateDescriptor<String, String> FILES =
            new MapStateDescriptor<>("runtime-files", Types.STRING, Types.STRING);

    private final JobSpec spec;
    private final Outputs outputs;
    private transient EventMatching matching;
    private transient RuntimeFiles files;
    private transient BroadcastState<String, String> filesState;
    private transient Results results;
    private transient Counter lateEvents;
    private transient Counter rejectedRecords;
    private transient long watermark;

    public MatchOperator(JobSpec spec, Outputs outputs) {
        this.spec = spec;
        this.outputs = outputs;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        matching = new EventMatching(spec);
        files = new RuntimeFiles();
        filesState = context.getOperatorStateStore().getBroadcastState(FILES);
        for (Map.Entry<String, String> e : filesState.entries()) {
            files.apply(new RuntimeFiles.Update(e.getKey(), e.getValue()));
        }
        if (!files.isEmpty()) {
            report(matching.reload(files));
        }
    }

    @Override
    public void open() throws Exception {
        super.open();
        results = new Results();
        watermark = Long.MIN_VALUE;
        lateEvents = getMetricGroup().counter("lateEvents");
        rejectedRecords = getMetricGroup().counter("rejectedRecords");
    }

    @Override
    public void processElement(StreamRecord<Ingested> element) {
        if (element.getValue() instanceof Ingested.Parsed p) {
            results.timestamp = element.getTimestamp();
            matching.match(p.event(), p.event().time().toEpochMilli() <= watermark, results);
        } else {
            rejectedRecords.inc();
            output.collect(outputs.rejected(), element.replace((Ingested.Rejected) element.getValue()));
        }
    }

    @Override
    public void processElement1(StreamRecord<Ingested> element) {
        processElement(element);
    }

    @Override
    public void processElement2(StreamRecord<RuntimeFiles.Update> element) throws Exception {
        RuntimeFiles.Update u = element.getValue();
        if (u.problem() != null) {
            LOG.warn(u.problem());
            return;
        }
        if (u.removes()) {
            filesState.remove(u.key());
        } else {
            filesState.put(u.key(), u.text());
        }
        if (files.apply(u)) {
            report(matching.reload(files));
            LOG.info("runtime rules: {} {}; {} runtime files in use", u.removes() ? "removed" : "updated", u.key(),
                    files.files().size());
        }
    }

    /** The events' watermark (with a rules topic, combined with its end-of-time one): what makes an event late. */
    @Override
    public void processWatermark(Watermark mark) throws Exception {
        watermark = mark.getTimestamp();
        super.processWatermark(mark);
    }

    private void report(List<String> problems) {
        problems.forEach(p -> LOG.warn("runtime rules: {}", p));
    }

    /** One event's results, stamped with its event time. */
    private final class Results implements EventMatching.Results {
        long timestamp;

        @Override
        public void alert(Alert alert) {
            output.collect(new StreamRecord<>(alert, timestamp));
        }

        @Override
        public void correlation(CorrelationStage.Input input) {
            output.collect(outputs.correlationLevel(input.level()), new StreamRecord<>(input, timestamp));
        }

        @Override
        public void behavior(int detector, Keyed keyed) {
            output.collect(outputs.behavior(detector), new StreamRecord<>(keyed, timestamp));
        }

        @Override
        public void late(Event event) {
            lateEvents.inc();
            output.collect(outputs.late(), new StreamRecord<>(event, timestamp));
        }
    }
}
