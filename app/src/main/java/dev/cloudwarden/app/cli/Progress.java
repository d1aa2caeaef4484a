package dev.cloudwarden.app.cli;

import dev.cloudwarden.engine.ingest.read.Input;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.util.List;

/** A progress bar over the bytes of all inputs, shown on terminals only; a no-op otherwise. */
class Progress implements AutoCloseable {
    private static final long SHOW_FROM_BYTES = 8L << 20; // short reads finish before a bar would help

    static Progress create(boolean wanted, List<Input> inputs) {
        long total = 0;
        for (Input i : inputs) {
            if (i.size() < 0) {
                total = -1;
                break;
            }
            total += i.size();
        }
        if (!wanted || (total >= 0 && total < SHOW_FROM_BYTES)) {
            return new Progress();
        }
        return new Bar(total);
    }

    void nextInput() {
    }

    void inputBytes(long total) {
    }

    /** Runs {@code print} without the bar drawing over it. */
    void pause(Runnable print) {
        print.run();
    }

    @Override
    public void close() {
    }

    private static final class Bar extends Progress {
        private final ProgressBar bar;
        private long done;
        private long current;

        Bar(long total) {
            bar = new ProgressBarBuilder().setTaskName("Reading").setInitialMax(total)
                    .setUnit(" MiB", 1L << 20).setStyle(ProgressBarStyle.ASCII).showSpeed()
                    .setUpdateIntervalMillis(250).build();
        }

        @Override
        void nextInput() {
            done += current;
            current = 0;
        }

        @Override
        void inputBytes(long total) {
            current = total;
            bar.stepTo(done + current);
        }

        @Override
        void pause(Runnable print) {
            System.err.print("\r\033[K");
            print.run();
        }

        @Override
        public void close() {
            bar.close();
        }
    }
}
