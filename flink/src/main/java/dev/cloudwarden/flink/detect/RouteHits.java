package dev.cloudwarden.flink.detect;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.run.StreamOperators;
import dev.cloudwarden.engine.sigma.correlate.CorrelationHit;
import dev.cloudwarden.engine.sigma.correlate.CorrelationStage;
import dev.cloudwarden.flink.job.JobSpec;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * A correlation level's hits: the alert of each (unless its correlation only feeds others) on the main output, and
 * the hit routed to the correlations chained on it, on their levels' side outputs.
 */
public final class RouteHits extends ProcessFunction<CorrelationHit, Alert> {
    private final JobSpec spec;
    private final Outputs outputs;
    private transient CorrelationStage stage;

    public RouteHits(JobSpec spec, Outputs outputs) {
        this.spec = spec;
        this.outputs = outputs;
    }

    @Override
    public void open(OpenContext context) {
        stage = new StreamOperators(spec.runConfig()).correlations();
    }

    @Override
    public void processElement(CorrelationHit hit, Context ctx, Collector<Alert> out) {
        Alert alert = stage.emitted(hit);
        if (alert != null) {
            out.collect(alert);
        }
        stage.chain(hit, routed -> ctx.output(outputs.correlationLevel(routed.level()), routed));
    }
}
