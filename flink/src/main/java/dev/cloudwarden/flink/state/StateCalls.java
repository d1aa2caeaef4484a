package dev.cloudwarden.flink.state;

/**
 * Flink's state calls declare {@code Exception} (a backend may fail to read or write); the engine's do not. A failed
 * call fails the task, and Flink restarts it from the last checkpoint: the same outcome, unchecked.
 */
final class StateCalls {
    @FunctionalInterface
    interface Call<T> {
        T get() throws Exception;
    }

    @FunctionalInterface
    interface Action {
        void run() throws Exception;
    }

    private StateCalls() {
    }

    static <T> T call(Call<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("a state backend call failed: " + e.getMessage(), e);
        }
    }

    static void run(Action action) {
        call(() -> {
            action.run();
            return null;
        });
    }
}
