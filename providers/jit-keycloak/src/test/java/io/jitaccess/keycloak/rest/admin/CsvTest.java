package io.jitaccess.keycloak.rest.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Given text exported to a CSV cell")
class CsvTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "=HYPERLINK(\"x\")",
                "+1",
                "-1",
                "@SUM(A1)",
                "\tcmd",
                "\rcmd",
                "\ncmd",
                "\uFF1DHYPERLINK(1)",
                "\uFF0B1",
                "\uFF0D1",
                "\uFF20SUM(A1)"
            })
    @DisplayName(
            "when it starts as a spreadsheet formula may (ASCII, a line break, or full-width = + - @), then a quote makes it text")
    void formulasNeutralised(String text) {
        String cell = Csv.cell(text);
        String unquoted =
                cell.startsWith("\"") ? cell.substring(1, cell.length() - 1).replace("\"\"", "\"") : cell;

        assertEquals("'" + text, unquoted);
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "a=b", "2+2", "mail@example.com", "é"})
    @DisplayName("when it does not start like a formula, then it is kept as it is")
    void plainKept(String text) {
        assertEquals(text, Csv.cell(text));
    }
}
