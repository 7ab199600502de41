package io.jitaccess.bench;

import java.util.Arrays;
import java.util.List;

/** Latencies (or lags) in milliseconds, with the figures the report prints. */
record Stats(double[] sortedMillis, long errors, double seconds) {

    static Stats of(List<Double> millis, long errors, double seconds) {
        double[] sorted =
                millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Stats(sorted, errors, seconds);
    }

    static Stats merge(List<Stats> parts) {
        double[] all = parts.stream()
                .flatMapToDouble(s -> Arrays.stream(s.sortedMillis()))
                .sorted()
                .toArray();
        return new Stats(
                all,
                parts.stream().mapToLong(Stats::errors).sum(),
                parts.stream().mapToDouble(Stats::seconds).sum());
    }

    int count() {
        return sortedMillis.length;
    }

    double throughput() {
        return seconds == 0 ? 0 : count() / seconds;
    }

    double percentile(double p) {
        if (sortedMillis.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sortedMillis.length) - 1;
        return sortedMillis[Math.max(0, Math.min(sortedMillis.length - 1, index))];
    }

    double max() {
        return sortedMillis.length == 0 ? Double.NaN : sortedMillis[sortedMillis.length - 1];
    }

    double min() {
        return sortedMillis.length == 0 ? Double.NaN : sortedMillis[0];
    }
}
