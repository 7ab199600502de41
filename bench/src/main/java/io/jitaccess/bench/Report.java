package io.jitaccess.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Prints each figure with its method, to the console and to the raw output file under bench/results. */
final class Report implements AutoCloseable {

    private final PrintWriter file;
    private final List<String> verdicts = new ArrayList<>();

    Report(Path output) {
        try {
            Files.createDirectories(output.getParent());
            this.file = new PrintWriter(Files.newBufferedWriter(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized void line(String format, Object... args) {
        String text = args.length == 0 ? format : String.format(java.util.Locale.ROOT, format, args);
        System.out.println(text);
        file.println(text);
        file.flush();
    }

    void section(String title) {
        line("");
        line("== " + title);
    }

    void tableHeader() {
        line(
                "%-32s %10s %10s %7s | %8s %8s | %8s %8s | %s",
                "case", "without/s", "with/s", "ratio", "p50 w/o", "p50 with", "p99 w/o", "p99 with", "target");
    }

    /** One row: throughput with and without, their ratio against a target, and latencies (ms). */
    void comparison(String name, Stats without, Stats with, double target) {
        double ratio = with.throughput() / without.throughput();
        String verdict = ratio >= target ? "met (>= " + target + ")" : "MISSED (>= " + target + ")";
        line(
                "%-32s %10.1f %10.1f %7.3f | %8.2f %8.2f | %8.2f %8.2f | %s",
                name,
                without.throughput(),
                with.throughput(),
                ratio,
                without.percentile(50),
                with.percentile(50),
                without.percentile(99),
                with.percentile(99),
                verdict);
        if (without.errors() + with.errors() > 0) {
            line("  errors: without %d, with %d", without.errors(), with.errors());
        }
        verdict(name + ": ratio " + String.format(java.util.Locale.ROOT, "%.3f", ratio) + ", target " + verdict);
    }

    /** A target checked: kept for the summary at the end. */
    void verdict(String text) {
        verdicts.add(text);
    }

    void summary() {
        section("Summary of targets");
        verdicts.forEach(v -> line("- " + v));
    }

    @Override
    public void close() {
        file.close();
    }
}
