package dev.ohtop.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ohtop.testing.CommandRun;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a script calls a command: help, mistakes, and ohtop's own options on either side of the command. */
class CommandLineTest {
    private static final Map<String, String> ENV = Map.of("LANG", "C.UTF-8");

    private static CommandRun ohtop(String... args) {
        return CommandRun.run(ENV, "", false, args);
    }

    @Test
    void helpListsEveryCommandWithItsSummaryAndTheExitCodes() {
        CommandRun help = ohtop("help");

        assertEquals(0, help.exit(), help.toString());
        assertEquals("", help.err());
        for (Command c : Commands.all()) {
            assertTrue(
                    help.out()
                            .lines()
                            .anyMatch(l ->
                                    l.matches("  " + c.name() + " +" + java.util.regex.Pattern.quote(c.summary()))),
                    c.name() + " listed:\n" + help.out());
        }
        assertTrue(help.out().contains("4  not found"), help.out());
    }

    @Test
    void helpForACommandIsTheSameAsItsHelpOption() {
        for (Command c : Commands.all()) {
            CommandRun asked = ohtop("help", c.name());
            CommandRun option = ohtop(c.name(), "--help");

            assertEquals(0, asked.exit(), asked.toString());
            assertEquals(asked.out(), option.out());
            assertTrue(asked.out().startsWith("usage: ohtop " + c.synopsis() + "\n"), asked.out());
            for (Flag f : c.flags()) {
                assertTrue(asked.out().contains(f.name()), f.name() + " in the help of " + c.name());
            }
        }
    }

    @Test
    void anUnknownCommandIsOneLineOnStderrAndExitTwo() {
        CommandRun run = ohtop("lst");

        assertEquals(Exit.USAGE, run.exit());
        assertEquals("", run.out());
        assertEquals("ohtop: unknown command 'lst' (see ohtop help)\n", run.err());
    }

    @Test
    void anUnknownOptionOfACommandNamesItAndWhereToLook() {
        CommandRun run = ohtop("ls", "--all", "--demo");

        assertEquals(Exit.USAGE, run.exit());
        assertEquals("ohtop: ls: unknown option --all (see ohtop help ls)\n", run.err());
    }

    @Test
    void ohtopsOwnOptionsMayStandBeforeOrAfterTheCommand() {
        CommandRun before = ohtop("--demo", "ls", "--json");
        CommandRun after = ohtop("ls", "--json", "--demo");

        assertEquals(0, before.exit(), before.toString());
        assertEquals(0, after.exit(), after.toString());
        assertEquals(before.json().size(), after.json().size());
        assertTrue(before.json().size() > 0, before.toString());
    }

    @Test
    void withoutAKeyACommandSaysWhichToSetAndAsksNothing() {
        CommandRun run = ohtop("ls");

        assertEquals(Exit.USAGE, run.exit());
        assertTrue(run.err().contains("OPENHANDS_CLOUD_API_KEY"), run.err());
        assertEquals("", run.out());
    }
}
