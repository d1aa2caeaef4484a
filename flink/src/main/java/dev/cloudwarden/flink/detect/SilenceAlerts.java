package dev.cloudwarden.flink.detect;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.run.StreamOperators;
import dev.cloudwarden.flink.job.JobSpec;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/** Every alert past the run's suppressions: a silenced one leaves on the suppressed side output, to be counted. */
public final class SilenceAlerts extends ProcessFunction<Alert, Alert> {
    private final JobSpec spec;
    private final Outputs outputs;
    private transient StreamOperators operators;

    public SilenceAlerts(JobSpec spec, Outputs outputs) {
        this.spec = spec;
        this.outputs = outputs;
    }

    @Override
    public void open(OpenContext context) {
        operators = new StreamOperators(spec.runConfig());
    }

    @Override
    public void processElement(Alert alert, Context ctx, Collector<Alert> out) {
        if (operators.silencing(alert) != null) {
            ctx.output(outputs.suppressed(), alert);
        } else {
            out.collect(alert);
        }
    }
}
