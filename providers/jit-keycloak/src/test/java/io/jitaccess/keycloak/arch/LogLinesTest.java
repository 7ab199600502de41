package io.jitaccess.keycloak.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * No log line of ours carries an exception's message or stack trace: a database driver's message may quote
 * connection settings or data. Log lines name the exception's class.
 */
@DisplayName("Our log lines never carry an exception's message")
class LogLinesTest {

    private static final Path SOURCES = Path.of("src/main/java");
    /** A logging call, up to its closing parenthesis and semicolon. */
    private static final Pattern LOG_CALL =
            Pattern.compile("\\bLOG\\.(trace|debug|info|warn|error|fatal)[fv]?\\((.*?)\\);", Pattern.DOTALL);
    /** What would print a message: getMessage(), getLocalizedMessage(), toString(), or an exception passed as an argument. */
    private static final Pattern LEAK = Pattern.compile(
            "getMessage\\(\\)|getLocalizedMessage\\(\\)|\\b(e|ex|failure|cause|exception)\\b(?!\\.getClass)");

    @Test
    @DisplayName("every LOG call in the provider names at most the exception's class")
    void noExceptionMessages() throws IOException {
        List<String> leaks = new ArrayList<>();
        int calls = 0;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher call = LOG_CALL.matcher(Files.readString(file));
                while (call.find()) {
                    calls++;
                    String arguments = call.group(2).replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"");
                    if (LEAK.matcher(arguments).find()) {
                        leaks.add(SOURCES.relativize(file) + ": LOG." + call.group(1) + "("
                                + call.group(2).strip() + ")");
                    }
                }
            }
        }
        assertEquals(List.of(), leaks);
        org.junit.jupiter.api.Assertions.assertTrue(
                calls > 10, "found only " + calls + " log calls: is the scan broken?");
    }
}
