package dev.ohtop.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/** What {@link Redaction} hides: the key, and any 8 characters of it in a row, wherever a server put them. */
@Tag("security")
@DisplayName("Keys never leak")
class RedactionTest {
    private static final String KEY = "sk-oh-5f1e2d3c4b5a69788796a5b4";

    @Test
    void partOfAKeyEchoedByAServerIsHiddenToo(TestReporter reporter) {
        String echoed = "bad key " + KEY.substring(0, 12) + "… (ends " + KEY.substring(KEY.length() - 8) + "), middle "
                + KEY.substring(9, 19);

        String shown = Redaction.hide(echoed, KEY);

        assertEquals("bad key ****… (ends ****), middle ****", shown);
        reporter.publishEntry("seen", shown);
    }

    @Test
    void sevenCharactersOfAKeyAreLeftAsTheyAre() {
        String text = "prefix sk-oh-5 and 5f1e2d3";

        assertSame(text, Redaction.hide(text, KEY));
    }

    @Test
    void aKeyRepeatedOrGluedToOtherTextIsHiddenWhole() {
        assertEquals("a****b", Redaction.hide("a" + KEY + KEY + "b", KEY).replace("********", "****"));
        assertEquals("Bearer ****\"", Redaction.hide("Bearer " + KEY + "\"", KEY));
    }

    @Test
    void aShortSecretIsHiddenOnlyWhole() {
        assertEquals("x **** y sess", Redaction.hide("x sess-1 y sess", "sess-1"));
    }
}
