package dev.cloudwarden.app.server;

import dev.cloudwarden.app.live.InputHealth;
import dev.cloudwarden.app.live.LiveInput;
import dev.cloudwarden.app.live.LivePoller;
import dev.cloudwarden.app.live.Offsets;
import dev.cloudwarden.app.live.files.LiveFiles;
import dev.cloudwarden.app.live.files.LiveFilesOptions;
import dev.cloudwarden.app.live.files.WatchedPath;
import dev.cloudwarden.app.live.s3.QueueUrl;
import dev.cloudwarden.app.live.s3.S3CloudTrail;
import dev.cloudwarden.app.live.s3.S3Settings;
import dev.cloudwarden.app.live.s3.SqsCloudTrail;
import dev.cloudwarden.app.live.s3.SqsOptions;
import dev.cloudwarden.engine.ingest.IngestOptions;
import dev.cloudwarden.engine.ingest.Ingestor;
import dev.cloudwarden.engine.ingest.json.ReadAhead;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The service's live inputs from its settings: the watched paths as one input ({@code files}), and one input per S3
 * bucket and prefix ({@code s3://bucket/prefix}) or per SQS queue of S3 notifications (named by the queue's URL), each
 * handing its events to the queue and keeping its positions in the store; polled on one thread.
 */
final class ServiceInputs implements AutoCloseable {
    private final List<LiveInput> inputs;
    private final LivePoller poller;

    private ServiceInputs(List<LiveInput> inputs, ServeConfig.Inputs settings) {
        this.inputs = List.copyOf(inputs);
        this.poller = inputs.isEmpty() ? null : new LivePoller(inputs, settings.pollInterval()).start();
    }

    static ServiceInputs start(ServeConfig.Inputs settings, Offsets offsets, EventQueue queue, ServiceMetrics metrics,
                               ReadAhead readAhead) throws IOException {
        Ingestor ingestor = new Ingestor(IngestOptions.defaults().withReadAhead(readAhead));
        Clock clock = Clock.systemUTC();
        List<LiveInput> inputs = new ArrayList<>();
        if (!settings.watch().isEmpty()) {
            List<WatchedPath> watched = settings.watch().stream().map(WatchedPath::parse).toList();
            inputs.add(LiveFiles.open("files", watched, ingestor, offsets, new LiveQueueConsumer("files", queue, metrics),
                    LiveFilesOptions.defaults(), clock));
        }
        for (ServeConfig.S3 s3 : settings.s3()) {
            inputs.add(s3.queueUrl() != null ? sqs(s3, ingestor, offsets, queue, metrics, clock)
                    : prefix(s3, ingestor, offsets, queue, metrics, clock));
        }
        return new ServiceInputs(inputs, settings);
    }

    private static LiveInput prefix(ServeConfig.S3 s3, Ingestor ingestor, Offsets offsets, EventQueue queue,
                                    ServiceMetrics metrics, Clock clock) throws IOException {
        String prefix = s3.prefix() == null ? "" : s3.prefix();
        String name = "s3://" + s3.bucket() + "/" + prefix;
        return new S3CloudTrail(name, client(s3, s3.region()).s3(), s3.bucket(), prefix, LocalDate.now(ZoneOffset.UTC),
                ingestor, offsets, new LiveQueueConsumer(name, queue, metrics), clock, 100);
    }

    /** The queue's URL names the input; the objects are read from the buckets its messages name. */
    private static LiveInput sqs(ServeConfig.S3 s3, Ingestor ingestor, Offsets offsets, EventQueue queue,
                                 ServiceMetrics metrics, Clock clock) {
        QueueUrl url = QueueUrl.parse(s3.queueUrl());
        String name = url.toString();
        // The region given is the bucket's; without one, the queue's: CloudTrail's bucket and queue are usually
        // side by side. The SQS client signs for the queue's own region either way (QueueUrl.region).
        S3Settings client = client(s3, s3.region() != null ? s3.region() : url.region(null));
        return new SqsCloudTrail(name, client.sqs(url), client.s3(), url, s3.prefix(), ingestor, offsets,
                new LiveQueueConsumer(name, queue, metrics), clock, SqsOptions.defaults());
    }

    private static S3Settings client(ServeConfig.S3 s3, String region) {
        return new S3Settings(region, s3.endpoint() == null ? null : URI.create(s3.endpoint()),
                s3.endpoint() != null, null, null);
    }

    List<InputHealth> health() {
        return inputs.stream().map(LiveInput::health).toList();
    }

    /** The lag of each input, in its unit (bytes behind the files' ends, objects not yet read). */
    Map<String, Long> lag() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (LiveInput i : inputs) {
            out.put(i.name(), i.health().lag());
        }
        return out;
    }

    @Override
    public void close() {
        if (poller != null) {
            poller.close();
        }
    }
}
