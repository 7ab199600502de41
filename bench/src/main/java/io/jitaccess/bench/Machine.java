package io.jitaccess.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine the figures come from. */
final class Machine {

    private Machine() {}

    static String describe() {
        String cpu = "unknown CPU";
        long memKb = 0;
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .orElse(cpu);
            memKb = Files.readAllLines(Path.of("/proc/meminfo")).stream()
                    .filter(l -> l.startsWith("MemTotal"))
                    .findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("\\D", "")))
                    .orElse(0L);
        } catch (IOException e) {
            // not Linux: the figures still print
        }
        return String.format(
                "%d cores (%s), %.0f GiB RAM, Java %s",
                Runtime.getRuntime().availableProcessors(),
                cpu,
                memKb / 1024.0 / 1024.0,
                System.getProperty("java.version"));
    }
}
