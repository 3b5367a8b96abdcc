package dev.ohtop.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyType;
import dev.ohtop.demo.ConversationSnapshot;
import dev.ohtop.demo.SandboxStatus;
import dev.ohtop.keymap.Action;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The console's timeout entry (Ctrl+T) says what it accepts when a number is out of range. */
class ConsoleTimeoutTest {
    private VirtualOhtop ohtop;

    @AfterEach
    void stop() {
        if (ohtop != null) {
            ohtop.close();
        }
    }

    @Test
    void aTimeoutTooLargeForAnyCommandSaysTheAcceptedRangeAndChangesNothing() throws Exception {
        ohtop = VirtualOhtop.onDemo().untilShows("30 total");
        ConversationSnapshot running = ohtop.demo.world().conversations().stream()
                .filter(c -> c.sandboxStatus() == SandboxStatus.RUNNING)
                .findFirst()
                .orElseThrow();
        String shortId = running.id().substring(0, 8);
        ohtop.type("/" + shortId)
                .press(KeyType.Enter)
                .until("only " + shortId, o -> o.line(3).contains(shortId));
        ohtop.press(Action.OPEN_CONSOLE).until("its console", o -> o.header().contains("console of " + shortId));

        ohtop.press(Action.CONSOLE_SET_TIMEOUT)
                .ctrl('u')
                .type("999999999999")
                .press(KeyType.Enter)
                .untilShows("from 1 to 86400");

        assertTrue(
                ohtop.shows(
                        "the timeout must be a whole number of seconds from 1 to 86400 (a day), not \"999999999999\""),
                ohtop.text());
        assertTrue(ohtop.line(1).contains("timeout 60s"), "nothing changed: " + ohtop.line(1));
    }
}
