package dev.ohtop.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyType;
import dev.ohtop.keymap.Action;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The {@code :} command line: an action by name, as if its key had been pressed on the screen in front. */
class CommandLineTest {
    private VirtualOhtop ohtop;

    private VirtualOhtop start(VirtualOhtop.Setup setup) throws IOException {
        ohtop = VirtualOhtop.onDemo(setup);
        return ohtop.untilShows("30 total");
    }

    @AfterEach
    void stop() {
        if (ohtop != null) {
            ohtop.close();
        }
    }

    private VirtualOhtop command(String typed) {
        return ohtop.type(":").untilShows(":█").type(typed).press(KeyType.Enter);
    }

    @Test
    void aCommandByNameOrBeginningOpensItsScreen() throws IOException {
        start(VirtualOhtop.Setup.defaults());
        command("sandboxes").until("the sandboxes", o -> o.header().contains("sandboxes"));
        ohtop.press(Action.BACK).until("home", o -> o.header().contains("conversations"));

        command("sand")
                .until(
                        "the sandboxes by the beginning of the word",
                        o -> o.header().contains("sandboxes"));
        ohtop.press(Action.BACK).until("home", o -> o.header().contains("conversations"));

        ohtop.type(":").untilShows(":█").type("sandb").press(KeyType.Tab).untilShows(":sandboxes█");
        ohtop.press(KeyType.Escape).until("the line gone", o -> !o.shows(":sandboxes█"));

        command("events")
                .until("the selected conversation's events", o -> o.header().contains("events of"));
        command("console")
                .until(
                        "its console: a key of the selected conversation",
                        o -> o.header().contains("console of"));
    }

    @Test
    void anUnknownAmbiguousOrMisplacedCommandIsSaidAndEscTakesTheLineBack() throws IOException {
        start(VirtualOhtop.Setup.defaults());
        command("frobnicate").until("unknown", o -> o.status().contains("no command :frobnicate"));
        command("s")
                .until(
                        "ambiguous",
                        o -> o.status().contains(":s could be ")
                                && o.status().contains(":open-sandboxes")
                                && o.status().contains(":send-message"));
        command("pause").until("misplaced", o -> o.status().contains(":pause-sandbox is for the sandboxes screen"));
        assertTrue(ohtop.header().contains("conversations"), "nothing opened: " + ohtop.header());

        ohtop.type(":")
                .untilShows(":█")
                .type("quit")
                .press(KeyType.Escape)
                .until("the line gone", o -> !o.shows(":quit"));
        assertTrue(ohtop.app.isOpen(), "Esc took the command back");
        command("q").until("ohtop closed", o -> !o.app.isOpen());
    }

    @Test
    void readOnlyRefusesAChangeAskedForByName() throws IOException {
        start(VirtualOhtop.Setup.defaults().asReadonly());
        command("new").until("refused", o -> o.status().contains("read-only"));
        assertFalse(ohtop.shows("New conversation"), ohtop.text());
        command("sandboxes")
                .until("what only reads still opens", o -> o.header().contains("sandboxes"));
    }

    @Test
    void theHelpSaysHowToTypeACommand() throws IOException {
        start(VirtualOhtop.Setup.defaults());
        ohtop.press(Action.HELP).untilShows(Action.COMMAND.description());
        assertTrue(
                ohtop.lines().stream().anyMatch(l -> l.strip().startsWith(":") && l.contains("type a command")),
                ohtop.text());
    }

    @Test
    void tabOnAnAmbiguousBeginningShowsTheNamesItCouldBe() throws IOException {
        start(VirtualOhtop.Setup.defaults());
        ohtop.type(":")
                .untilShows(":█")
                .type("s")
                .press(KeyType.Tab)
                .until("the choices", o -> o.status().contains(":s█  sandboxes  send-message"));
        ohtop.type("a")
                .until(
                        "the choices gone as typing goes on",
                        o -> o.status().strip().equals(":sa█"));
        ohtop.press(KeyType.Tab)
                .until("one name left: completed", o -> o.status().strip().equals(":sandboxes█"));
    }

    @Test
    void aScreensNameGoesThereFromAnyScreen() throws IOException {
        start(VirtualOhtop.Setup.defaults());
        ohtop.press(Action.OPEN).until("the events", VirtualOhtop::eventsCaughtUp);
        ohtop.press(Action.SHOW_DETAIL)
                .until("an event's detail", o -> o.header().contains("event "));

        command("sandboxes")
                .until("the sandboxes, from the detail", o -> o.header().contains("sandboxes"));
        ohtop.press(Action.BACK).until("the detail again", o -> o.header().contains("event "));
        command("help").until("the help", o -> o.header().contains("help ("));
        command("conversations").until("the list", o -> o.header().contains("conversations") && o.shows("30 total"));
        ohtop.press(Action.BACK).settle();
        assertTrue(ohtop.header().contains("conversations"), "nothing left under the list: " + ohtop.header());

        ohtop.press(Action.OPEN).until("the events", o -> o.header().contains("events of"));
        command("conv")
                .until("the list by the beginning of its name", o -> o.header().contains("conversations"));
    }

    @Test
    void theHelpListsTheCommandNames() throws IOException {
        start(VirtualOhtop.Setup.defaults().size(120, 120));
        ohtop.press(Action.HELP).untilShows("Commands (: then a name");
        for (String name : new String[] {":conversations", ":sandboxes", ":help", ":follow", ":console", ":pause"}) {
            assertTrue(ohtop.shows(name), name + " is in the help:\n" + ohtop.text());
        }
    }
}
