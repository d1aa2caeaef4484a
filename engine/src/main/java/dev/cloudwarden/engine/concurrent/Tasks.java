package dev.cloudwarden.engine.concurrent;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for work handed to another thread, as if it had run on this one. */
public final class Tasks {
    private Tasks() {
    }

    /**
     * The task's result. A failure comes back as it was thrown (a runtime exception or error, not wrapped), so callers
     * report it as they would report it from their own thread; a checked exception, which our tasks do not throw, is
     * wrapped.
     *
     * @param doing what the caller was waiting for, for the message when its thread is interrupted
     */
    public static <T> T await(Future<T> task, String doing) {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + doing, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
