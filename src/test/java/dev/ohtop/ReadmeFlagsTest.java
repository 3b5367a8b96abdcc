package dev.ohtop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's flags table tells what {@code --help} tells: every flag, with the ranges ohtop accepts. */
class ReadmeFlagsTest {
    private static List<String> readme() throws IOException {
        return Files.readAllLines(Path.of("README.md"));
    }

    private static String row(List<String> readme, String flag) {
        return readme.stream()
                .filter(l -> l.startsWith("| `" + flag + "`") || l.startsWith("| `" + flag + " "))
                .findFirst()
                .orElse(null);
    }

    @Test
    void everyFlagOfTheHelpTextHasARowInTheReadme() throws IOException {
        List<String> readme = readme();
        Matcher flags = Pattern.compile("^\\s+(--[a-z-]+)", Pattern.MULTILINE).matcher(Options.usage());
        List<String> missing = flags.results()
                .map(m -> m.group(1))
                .filter(f -> row(readme, f) == null)
                .toList();

        assertEquals(List.of(), missing, "flags of --help without a row in README.md's table");
    }

    @Test
    void theReadmeGivesTheAcceptedRangesAndHowOhtopTreatsPlainTerminals() throws IOException {
        List<String> readme = readme();
        assertTrue(row(readme, "--refresh").contains("0.5 to 3600"), row(readme, "--refresh"));
        assertTrue(
                row(readme, "--max-events").contains(Options.MIN_MAX_EVENTS + " to " + Options.MAX_MAX_EVENTS),
                row(readme, "--max-events"));
        String text = String.join("\n", readme);
        assertTrue(text.contains("`NO_COLOR`") && text.contains("`TERM=dumb`") && text.contains("`--ascii`"));
    }
}
