package io.jitaccess.keycloak.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Small files: no source file of the product (providers, harness, bench, themes) is over 300 lines. */
@DisplayName("No main source file is over 300 lines")
class FileLengthTest {

    private static final int MAX = 300;
    /** The repository, from this module's directory (where Maven runs its tests). */
    private static final Path ROOT = Path.of("../..");

    @Test
    @DisplayName("every main source file has at most 300 lines")
    void smallFiles() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(ROOT)) {
            sources = files.filter(FileLengthTest::isMainSource).toList();
        }
        assertTrue(
                sources.size() > 100, "found only " + sources.size() + " source files under " + ROOT.toAbsolutePath());
        List<String> long_ = sources.stream()
                .filter(file -> lines(file) > MAX)
                .map(file -> file + ": " + lines(file))
                .toList();
        assertEquals(List.of(), long_);
    }

    private static boolean isMainSource(Path file) {
        String path = file.toString().replace('\\', '/');
        return (path.endsWith(".java") || path.endsWith(".ts") || path.endsWith(".tsx") || path.endsWith(".ftl"))
                && !path.contains("/node_modules/")
                && !path.contains("/target/")
                && !path.contains("/dist/")
                && !path.contains("/.keycloak/")
                && !path.contains("/src/test/");
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new IllegalStateException(file.toString(), e);
        }
    }
}
