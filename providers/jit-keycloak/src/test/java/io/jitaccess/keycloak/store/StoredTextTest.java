package io.jitaccess.keycloak.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Given text on its way into a ledger column")
class StoredTextTest {

    @Test
    @DisplayName(
            "when it holds NUL, other control characters or a lone surrogate, then each becomes U+FFFD; tabs and new lines stay")
    void unstorableCharacters() {
        assertEquals("a\uFFFDb\uFFFDc\uFFFD\td\n", StoredText.fit("a\u0000b\u001Bc\uD800\td\n", 100));
    }

    @Test
    @DisplayName("when it is longer than the column, then it is cut to the column without splitting an emoji")
    void cutToLength() {
        assertEquals("xxxx", StoredText.fit("xxxxxx", 4));
        assertEquals("xxx", StoredText.fit("xxx\uD83D\uDD11", 4), "half an emoji would be a lone surrogate");
        assertEquals("xx\uD83D\uDD11", StoredText.fit("xx\uD83D\uDD11yy", 4));
        assertNull(StoredText.fit(null, 4));
    }

    @Test
    @DisplayName("when an id as typed is longer than any id, then none is recorded")
    void ids() {
        assertEquals("5f29024e-98dd-467a-a9e5-63768ec95e75", StoredText.id("5f29024e-98dd-467a-a9e5-63768ec95e75"));
        assertNull(StoredText.id("a".repeat(37)));
        assertEquals("' OR 1=1", StoredText.id("' OR 1=1"));
    }
}
