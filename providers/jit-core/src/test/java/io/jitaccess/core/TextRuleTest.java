package io.jitaccess.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.re2j.Pattern;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Given a text rule for a justification or a ticket")
class TextRuleTest {

    private static final TextRule REQUIRED_JUSTIFICATION = TextRule.justification(true, Optional.empty(), "");
    private static final TextRule OPTIONAL_JUSTIFICATION = TextRule.justification(false, Optional.empty(), "");
    private static final TextRule REQUIRED_TICKET = TextRule.ticket(true, Optional.empty(), "");
    private static final TextRule OPS_TICKET =
            TextRule.ticket(false, Optional.of(Pattern.compile("[A-Z]+-\\d+")), "a ticket such as OPS-123");

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t", "\n", " \r\n "})
    @DisplayName("when a required justification is blank, then it is refused with JUSTIFICATION_REQUIRED")
    void justificationRequired(String value) {
        Refusal refusal = assertThrows(Refusal.class, () -> REQUIRED_JUSTIFICATION.check(value));

        assertEquals(Refusal.Reason.JUSTIFICATION_REQUIRED, refusal.reason());
        assertEquals("A justification is required.", refusal.getMessage());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t", "\n"})
    @DisplayName("when a required ticket is blank, then it is refused with TICKET_REQUIRED")
    void ticketRequired(String value) {
        Refusal refusal = assertThrows(Refusal.class, () -> REQUIRED_TICKET.check(value));

        assertEquals(Refusal.Reason.TICKET_REQUIRED, refusal.reason());
        assertEquals(Refusal.Kind.BAD_INPUT, refusal.reason().kind());
    }

    @Test
    @DisplayName("when a required field is missing and the rule has a hint, then the refusal quotes the hint")
    void requiredNamesHint() {
        TextRule rule = TextRule.ticket(true, Optional.empty(), "a ticket such as OPS-123");

        Refusal refusal = assertThrows(Refusal.class, () -> rule.check(""));

        assertEquals("A ticket is required: a ticket such as OPS-123", refusal.getMessage());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "\n"})
    @DisplayName("when an optional field is blank, then it is stored as empty text, even if it has a pattern")
    void optionalBlankIsEmpty(String value) {
        assertEquals("", OPTIONAL_JUSTIFICATION.check(value));
        assertEquals("", OPS_TICKET.check(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"OPS-123", "A-1", "  OPS-42  "})
    @DisplayName("when the text matches the whole pattern, then it is accepted")
    void patternMatches(String value) {
        assertEquals(value.strip(), OPS_TICKET.check(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"see OPS-123", "OPS-123 please", "OPS-123\nOPS-124", "ops-123", "OPS-", "123"})
    @DisplayName(
            "when only part of the text matches the pattern, or none of it, then it is refused with the *_INVALID reason")
    void patternMustMatchWholeText(String value) {
        Refusal refusal = assertThrows(Refusal.class, () -> OPS_TICKET.check(value));

        assertEquals(Refusal.Reason.TICKET_INVALID, refusal.reason());
        assertEquals("The ticket does not have the expected form: a ticket such as OPS-123", refusal.getMessage());
    }

    @Test
    @DisplayName("when a justification does not match its pattern, then it is refused with JUSTIFICATION_INVALID")
    void justificationPattern() {
        TextRule rule = TextRule.justification(true, Optional.of(Pattern.compile("(?s).{10,}")), "");

        Refusal refusal = assertThrows(Refusal.class, () -> rule.check("too short"));

        assertEquals(Refusal.Reason.JUSTIFICATION_INVALID, refusal.reason());
        assertEquals("The justification does not have the expected form.", refusal.getMessage());
        assertEquals("long enough now", rule.check("long enough now"));
    }

    @Test
    @DisplayName("when a justification is exactly 2000 characters, then it is accepted, and one more is refused")
    void justificationLengthCap() {
        assertEquals(2000, OPTIONAL_JUSTIFICATION.maxLength());
        assertEquals("x".repeat(2000), OPTIONAL_JUSTIFICATION.check("x".repeat(2000)));
        assertEquals("x".repeat(2000), OPTIONAL_JUSTIFICATION.check("  " + "x".repeat(2000) + "\n"));

        Refusal refusal = assertThrows(Refusal.class, () -> OPTIONAL_JUSTIFICATION.check("x".repeat(2001)));
        assertEquals(Refusal.Reason.JUSTIFICATION_INVALID, refusal.reason());
        assertEquals("The justification is longer than 2000 characters.", refusal.getMessage());
    }

    @Test
    @DisplayName("when a ticket is exactly 200 characters, then it is accepted, and one more is refused")
    void ticketLengthCap() {
        TextRule rule = TextRule.ticket(false, Optional.empty(), "");

        assertEquals(200, rule.maxLength());
        assertEquals("T".repeat(200), rule.check("T".repeat(200)));

        Refusal refusal = assertThrows(Refusal.class, () -> rule.check("T".repeat(201)));
        assertEquals(Refusal.Reason.TICKET_INVALID, refusal.reason());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a\u0000b",
                "bell\u0007",
                "back\bspace",
                "esc\u001b[31mred",
                "del\u007f",
                "next\u0085line",
                "form\ffeed",
                "vertical\u000btab",
                "\u0001start"
            })
    @DisplayName("when the text contains a control character other than newline or tab, then it is refused")
    void controlCharactersRefused(String value) {
        Refusal refusal = assertThrows(Refusal.class, () -> OPTIONAL_JUSTIFICATION.check(value));

        assertEquals(Refusal.Reason.JUSTIFICATION_INVALID, refusal.reason());
        assertEquals("The justification contains control characters.", refusal.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"line one\nline two", "windows\r\nline", "column\tafter tab", "first\n\nthird"})
    @DisplayName("when the text contains newlines or tabs inside, then it is accepted unchanged")
    void newlinesAllowed(String value) {
        assertEquals(value, OPTIONAL_JUSTIFICATION.check(value));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "<script>alert(1)</script>",
                "<b>bold</b> & \"quotes\" 'single'",
                "{0} ${jndi:x} %s",
                "日本語 — émoji 🚀"
            })
    @DisplayName("when the text contains markup or other special characters, then it is kept verbatim")
    void markupKeptVerbatim(String value) {
        assertEquals(value, OPTIONAL_JUSTIFICATION.check(value));
        assertEquals(value, REQUIRED_TICKET.check(value));
    }

    @Test
    @DisplayName("when the text has surrounding whitespace, then the stored value is stripped")
    void valueStripped() {
        assertEquals("Rotate the keys", REQUIRED_JUSTIFICATION.check("  \n\tRotate the keys \r\n "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"lone \uD800 high", "\uDC00 lone low", "reversed \uDE00\uD83D pair", "ends high \uD83D"})
    @DisplayName("when a text holds an unpaired UTF-16 surrogate, then it is refused as invalid, not stored broken")
    void brokenUtf16(String value) {
        Refusal refusal = assertThrows(Refusal.class, () -> OPTIONAL_JUSTIFICATION.check(value));

        assertEquals(Refusal.Reason.JUSTIFICATION_INVALID, refusal.reason());
        assertEquals(
                "The justification contains broken characters (an unpaired UTF-16 surrogate).", refusal.getMessage());
    }

    @Test
    @DisplayName("when a text holds paired surrogates (emoji), then it is kept verbatim")
    void emojiKept() {
        assertEquals("👩‍💻 on call 🔑", OPTIONAL_JUSTIFICATION.check("👩‍💻 on call 🔑"));
    }

    @Test
    @DisplayName(
            "when an approver's comment is over 2000 characters or holds a NUL, then it is refused with INVALID_INPUT")
    void commentRule() {
        assertEquals(
                Refusal.Reason.INVALID_INPUT,
                assertThrows(Refusal.class, () -> TextRule.comment().check("x".repeat(2001)))
                        .reason());
        assertEquals(
                Refusal.Reason.INVALID_INPUT,
                assertThrows(Refusal.class, () -> TextRule.comment().check("a\u0000b"))
                        .reason());
        assertEquals("<b>fine</b>", TextRule.comment().check(" <b>fine</b> "));
        assertEquals("", TextRule.comment().check(null));
    }

    @Test
    @DisplayName("when a required reason is blank, then the refusal says where to give it")
    void reasonRequired() {
        Refusal refusal =
                assertThrows(Refusal.class, () -> TextRule.reason(true).check(" "));

        assertEquals(Refusal.Reason.INVALID_INPUT, refusal.reason());
        assertEquals("A reason is required: give it in the field 'reason'", refusal.getMessage());
        assertEquals("", TextRule.reason(false).check(null));
    }

    @Test
    @DisplayName(
            "when an admin's pattern would backtrack for ever in other engines, then it still answers at once (RE2: linear time)")
    void catastrophicPatternAnswers() {
        TextRule ticket = TextRule.ticket(true, Optional.of(Pattern.compile("([A-Z]+-?)+[0-9]+")), "");
        String hostile = "A".repeat(199) + "!";

        Refusal refusal = assertThrows(Refusal.class, () -> ticket.check(hostile));

        assertEquals(Refusal.Reason.TICKET_INVALID, refusal.reason());
        assertEquals("OPS-1", ticket.check("OPS-1"));
    }
}
