package io.jitaccess.keycloak.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitaccess.keycloak.expiry.ExpiryProviderFactory;
import io.jitaccess.keycloak.policy.PolicyConfigProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.provider.ProviderConfigProperty;

/** docs/configuration.md documents every option the code declares, with its type and its default as the code has them. */
@DisplayName("docs/configuration.md documents every option in the code, with its type and default")
class ConfigurationDocTest {

    /** A table row: | `key`[, `key`] | type | default | meaning |. */
    private static final Pattern ROW = Pattern.compile("^\\| (`[^|]+`) \\| ([^|]+) \\| ([^|]+) \\| .+\\|$");

    private static final Pattern KEY = Pattern.compile("`([^`]+)`");
    /** How the doc says "no default". */
    private static final List<String> NO_DEFAULT = List.of("—", "none", "empty", "every day", "anywhere");

    private record Row(String type, String dflt) {}

    private static Map<String, Row> rows(String section) throws IOException {
        String doc = doc();
        int start = doc.indexOf(section);
        assertTrue(start >= 0, "no section " + section);
        int end = doc.indexOf("\n## ", start + section.length());
        Map<String, Row> rows = new HashMap<>();
        for (String line : doc.substring(start, end < 0 ? doc.length() : end).split("\n")) {
            Matcher row = ROW.matcher(line.strip());
            if (row.matches()) {
                Matcher key = KEY.matcher(row.group(1));
                while (key.find()) {
                    rows.put(
                            key.group(1),
                            new Row(row.group(2).strip(), row.group(3).strip().replace("`", "")));
                }
            }
        }
        return rows;
    }

    private static String doc() throws IOException {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path doc = dir.resolve("docs/configuration.md");
            if (Files.exists(doc)) {
                return Files.readString(doc);
            }
        }
        throw new AssertionError("docs/configuration.md not found above " + start);
    }

    @Test
    @DisplayName(
            "every policy option (jit-policy component property) is in the policy table, with its type and default")
    void policyOptions() throws IOException {
        assertEquals(List.of(), problems(rows("## Policy options"), PolicyConfigProperties.ALL));
    }

    @Test
    @DisplayName("every server option of the jit-expiry SPI is in the server option table, with its type and default")
    void serverOptions() throws IOException {
        assertEquals(List.of(), problems(rows("## Server options"), new ExpiryProviderFactory().getConfigMetadata()));
    }

    private static List<String> problems(Map<String, Row> rows, List<ProviderConfigProperty> properties) {
        List<String> problems = new ArrayList<>();
        for (ProviderConfigProperty property : properties) {
            Row row = rows.get(property.getName());
            if (row == null) {
                problems.add(property.getName() + ": not in the table");
                continue;
            }
            if (!typeMatches(property.getType(), row.type())) {
                problems.add(property.getName() + ": documented as '" + row.type() + "', the code says "
                        + property.getType());
            }
            Object dflt = property.getDefaultValue();
            boolean documentedNone = NO_DEFAULT.stream().anyMatch(row.dflt()::startsWith);
            if (dflt == null ? !documentedNone : !row.dflt().startsWith(String.valueOf(dflt))) {
                problems.add(
                        property.getName() + ": default documented as '" + row.dflt() + "', the code says " + dflt);
            }
        }
        return problems;
    }

    private static boolean typeMatches(String code, String doc) {
        String text = doc.toLowerCase(java.util.Locale.ROOT);
        return switch (code) {
            case ProviderConfigProperty.BOOLEAN_TYPE -> text.startsWith("boolean");
            case ProviderConfigProperty.INTEGER_TYPE -> text.startsWith("integer") || text.startsWith("seconds");
            case ProviderConfigProperty.ROLE_TYPE -> text.startsWith("role");
            case ProviderConfigProperty.GROUP_TYPE -> text.startsWith("group");
            default -> !text.startsWith("boolean") && !text.startsWith("integer");
        };
    }
}
