package app;

import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** A Prometheus histogram of seconds with the buckets every runtime of the golden path uses. */
final class LatencyHistogram {
    static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final LongAdder[] counts = new LongAdder[BUCKETS.length];
    private final LongAdder count = new LongAdder();
    private final DoubleAdder sum = new DoubleAdder();

    LatencyHistogram() {
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    void observe(double seconds) {
        for (int i = 0; i < BUCKETS.length; i++) {
            if (seconds <= BUCKETS[i]) {
                counts[i].increment();
            }
        }
        count.increment();
        sum.add(seconds);
    }

    /** Appends the series; `labels` is `name="value",...` without braces, or empty. */
    void render(String name, String labels, StringBuilder text) {
        String prefix = labels.isEmpty() ? "" : labels + ",";
        for (int i = 0; i < BUCKETS.length; i++) {
            text.append(name).append("_bucket{").append(prefix).append("le=\"").append(BUCKETS[i]).append("\"} ")
                    .append(counts[i].sum()).append('\n');
        }
        text.append(name).append("_bucket{").append(prefix).append("le=\"+Inf\"} ").append(count.sum()).append('\n');
        String braces = labels.isEmpty() ? "" : "{" + labels + "}";
        text.append(name).append("_sum").append(braces).append(' ').append(sum.sum()).append('\n');
        text.append(name).append("_count").append(braces).append(' ').append(count.sum()).append('\n');
    }
}
