package io.jitaccess.keycloak.rest.admin;

import io.jitaccess.keycloak.rest.Views;
import io.jitaccess.keycloak.store.AuditEntity;
import java.util.List;
import java.util.Map;

/** CSV export (RFC 4180), with spreadsheet formula injection neutralised. */
final class Csv {

    /**
     * What a spreadsheet may read as the start of a formula: = + - @, tab, CR, LF, and their full-width forms
     * (U+FF1D, U+FF0B, U+FF0D, U+FF20), which some spreadsheets fold to ASCII.
     */
    static final String FORMULA_STARTS = "=+-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20";

    private Csv() {}

    static String audit(List<AuditEntity> entries) {
        StringBuilder out = new StringBuilder(String.join(",", Views.AUDIT_COLUMNS)).append("\r\n");
        for (AuditEntity entry : entries) {
            Map<String, Object> view = Views.audit(entry);
            out.append(String.join(
                            ",",
                            Views.AUDIT_COLUMNS.stream()
                                    .map(column -> cell(view.get(column)))
                                    .toList()))
                    .append("\r\n");
        }
        return out.toString();
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
