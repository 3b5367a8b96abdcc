package dev.ohtop.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Data flows one way: the screens draw what the monitor holds and ask the monitor for every
 * change, so they reach the API only for the records they display; the monitor knows no screen.
 */
class LayersTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/ohtop");
    /** An import, or a name written out in full in the code. */
    private static final Pattern REFERENCE =
            Pattern.compile("\\b((?:dev\\.ohtop|com\\.googlecode\\.lanterna)(?:\\.\\w+)+)");
    /** What a screen may take from api: records (and a formatting function) it displays, nothing that calls out. */
    private static final List<String> DISPLAYED = List.of("dev.ohtop.api.events.", "dev.ohtop.api.ByteSizes");

    @Test
    void screensAndTerminalImportFromTheApiOnlyTheRecordsTheyDisplay() throws IOException {
        List<String> found = imports(
                List.of("ui", "terminal", "presentation"),
                name -> name.startsWith("dev.ohtop.api.") && DISPLAYED.stream().noneMatch(name::startsWith));
        assertEquals(List.of(), found, "screens ask the monitor; they do not call the API themselves");
    }

    @Test
    void theMonitorKnowsNoScreenAndNoTerminal() throws IOException {
        List<String> found = imports(
                List.of("monitor"),
                name -> name.startsWith("com.googlecode.lanterna")
                        || name.startsWith("dev.ohtop.ui.")
                        || name.startsWith("dev.ohtop.terminal."));
        assertEquals(List.of(), found, "the monitor holds state for any screen, and is tested without one");
    }

    @Test
    void presentationIsPureFunctionsOverWhatTheMonitorHolds() throws IOException {
        List<String> found = imports(
                List.of("presentation"),
                name -> name.startsWith("com.googlecode.lanterna")
                        || name.startsWith("dev.ohtop.ui.")
                        || name.startsWith("dev.ohtop.terminal."));
        assertEquals(List.of(), found, "words and numbers for the screens, testable without a terminal");
    }

    @Test
    void theTerminalPlumbingKnowsNothingOfOhtopsScreensOrState() throws IOException {
        List<String> found = imports(
                List.of("terminal"),
                name -> name.startsWith("dev.ohtop.")
                        && !name.equals("dev.ohtop.terminal")
                        && !name.startsWith("dev.ohtop.terminal."));
        assertEquals(List.of(), found, "cells, text and the terminal session serve any screen");
    }

    @Test
    void commandsForScriptsUseTheMonitorAndTheApiButNoScreen() throws IOException {
        List<String> found = imports(
                List.of("commands"),
                name -> name.startsWith("com.googlecode.lanterna") || name.startsWith("dev.ohtop.ui."));
        assertEquals(List.of(), found, "a command prints lines; it shares the clients and state, not the screens");
    }

    @Test
    void theApiKnowsNothingAboveIt() throws IOException {
        List<String> found = imports(
                List.of("api", "api/events"),
                name -> name.startsWith("com.googlecode.lanterna")
                        || name.matches("dev\\.ohtop\\.(monitor|ui|terminal|presentation|demo)\\..*"));
        assertEquals(List.of(), found, "the clients say what the services say; state and screens build on them");
    }

    /** "pkg/File.java: full.Name" for each import or full name in {@code packages} that {@code forbidden} matches. */
    private static List<String> imports(List<String> packages, Predicate<String> forbidden) throws IOException {
        List<String> found = new ArrayList<>();
        for (String pkg : packages) {
            try (Stream<Path> files = Files.list(SOURCES.resolve(pkg))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java"))
                        .sorted()
                        .toList()) {
                    Matcher m = REFERENCE.matcher(Files.readString(file));
                    while (m.find()) {
                        String line = pkg + "/" + file.getFileName() + ": " + m.group(1);
                        if (forbidden.test(m.group(1)) && !found.contains(line)) {
                            found.add(line);
                        }
                    }
                }
            }
        }
        return found;
    }
}
