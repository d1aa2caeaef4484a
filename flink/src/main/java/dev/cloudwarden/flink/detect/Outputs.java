package dev.cloudwarden.flink.detect;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.sigma.correlate.CorrelationStage;
import dev.cloudwarden.flink.ingest.Ingested;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** The job's side outputs, named once so the functions that write them and the graph that reads them agree. */
public final class Outputs implements Serializable {
    private static final long serialVersionUID = 1L;

    private final OutputTag<Ingested.Rejected> rejected =
            new OutputTag<>("rejected", TypeInformation.of(Ingested.Rejected.class));
    private final OutputTag<Event> late = new OutputTag<>("late-events", TypeInformation.of(Event.class));
    private final OutputTag<Alert> suppressed = new OutputTag<>("suppressed", TypeInformation.of(Alert.class));
    private final OutputTag<Alert> opened = new OutputTag<>("opened-groups", TypeInformation.of(Alert.class));
    private final List<OutputTag<CorrelationStage.Input>> levels = new ArrayList<>();
    private final List<OutputTag<Keyed>> behavior = new ArrayList<>();

    public Outputs(int correlationLevels, int behaviorDetectors) {
        for (int l = 0; l < correlationLevels; l++) {
            levels.add(new OutputTag<>("correlation-level-" + l, TypeInformation.of(CorrelationStage.Input.class)));
        }
        for (int i = 0; i < behaviorDetectors; i++) {
            behavior.add(new OutputTag<>("behavior-" + i, TypeInformation.of(Keyed.class)));
        }
    }

    public OutputTag<Ingested.Rejected> rejected() {
        return rejected;
    }

    /** Events that came at or before the watermark. */
    public OutputTag<Event> late() {
        return late;
    }

    /** Alerts a suppression silenced. */
    public OutputTag<Alert> suppressed() {
        return suppressed;
    }

    /** A group's first match, as it opens (for sinks that show alerts while their group still counts). */
    public OutputTag<Alert> opened() {
        return opened;
    }

    public OutputTag<CorrelationStage.Input> correlationLevel(int level) {
        return levels.get(level);
    }

    public OutputTag<Keyed> behavior(int detector) {
        return behavior.get(detector);
    }
}
