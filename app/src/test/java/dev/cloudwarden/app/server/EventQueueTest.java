package dev.cloudwarden.app.server;

import dev.cloudwarden.engine.event.Event;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class EventQueueTest {
    private static final Event ONE = one();

    private static Event one() {
        var read = new dev.cloudwarden.engine.ingest.CollectingSink();
        new dev.cloudwarden.engine.ingest.Ingestor(dev.cloudwarden.engine.ingest.IngestOptions.defaults()).read(
                dev.cloudwarden.engine.ingest.read.Input.bytes("t", ServiceTest.failedLogin(0, "a", "192.0.2.1")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8), ServiceTest.T0), read);
        assertThat(read.rejections).isEmpty();
        return read.events.get(0);
    }

    private static EventQueue.Batch batch(int n) {
        return new EventQueue.Batch("t", Collections.nCopies(n, ONE), null);
    }

    @Test
    void aBatchThatWouldOverfillIsRefusedUntilRoomIsMade() throws Exception {
        EventQueue q = new EventQueue(10);
        assertThat(q.offer(batch(6))).isTrue();
        assertThat(q.offer(batch(5))).as("6 + 5 > 10").isFalse();
        assertThat(q.offer(batch(4))).isTrue();
        assertThat(q.depth()).isEqualTo(10);
        assertThat(q.poll(Duration.ZERO).events()).hasSize(6);
        assertThat(q.offer(batch(5))).isTrue();
        assertThat(q.depth()).isEqualTo(9);
    }

    @Test
    void aBatchLargerThanTheQueueFitsAnEmptyQueueOnly() throws Exception {
        EventQueue q = new EventQueue(3);
        assertThat(q.offer(batch(5))).isTrue();
        assertThat(q.offer(batch(1))).isFalse();
    }

    @Test
    void putWaitsForRoom() throws Exception {
        EventQueue q = new EventQueue(2);
        q.offer(batch(2));
        AtomicBoolean done = new AtomicBoolean();
        Thread t = new Thread(() -> {
            try {
                q.put(batch(1));
                done.set(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.start();
        Thread.sleep(150);
        assertThat(done).isFalse();
        q.poll(Duration.ZERO);
        t.join(5000);
        assertThat(done).isTrue();
    }
}
