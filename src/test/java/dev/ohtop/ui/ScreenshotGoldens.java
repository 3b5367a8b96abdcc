package dev.ohtop.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The committed pictures under {@code docs/}, held against what the screens draw now. A picture
 * that differs is reported with the rows of text that differ, and the new one is left in
 * {@code target/screenshots/} to look at; only {@code -Dohtop.updateScreenshots=true} rewrites
 * {@code docs/}, so a test run never changes the work tree.
 *
 * @param base   the project's directory (the one holding {@code docs/} and {@code target/})
 * @param update whether to rewrite the committed pictures instead of checking them
 */
record ScreenshotGoldens(Path base, boolean update) {
    static final String UPDATE = "ohtop.updateScreenshots";
    static final String ACCEPT = "mvn -o -q -B test -Dtest=ScreenshotTest -D" + UPDATE + "=true";
    /** Enough rows to see what changed without a whole screen of them. */
    private static final int ROWS_SHOWN = 8;

    static ScreenshotGoldens ofProject() {
        return new ScreenshotGoldens(Path.of(System.getProperty("basedir", ".")), Boolean.getBoolean(UPDATE));
    }

    /**
     * How {@code svg} differs from the committed {@code docs/<name>}; empty when it does not, or
     * when asked to update (then the committed file holds {@code svg}).
     */
    Optional<String> check(String name, String svg) throws IOException {
        Path committed = base.resolve("docs").resolve(name);
        if (update) {
            if (SvgScreenshot.write(committed, svg)) {
                System.out.println("ScreenshotTest: updated docs/" + name);
            }
            return Optional.empty();
        }
        SvgScreenshot.write(base.resolve("target").resolve("screenshots").resolve(name), svg);
        String drawn = "the new picture: target/screenshots/" + name;
        if (!Files.isRegularFile(committed)) {
            return Optional.of("docs/" + name + " is missing (" + drawn + "); write it with " + ACCEPT);
        }
        String before = Files.readString(committed);
        if (before.equals(svg)) {
            return Optional.empty();
        }
        return Optional.of("docs/" + name + " is not what the screen draws now (" + drawn + "):\n"
                + difference(before, svg) + "  if the change is meant, accept it with " + ACCEPT);
    }

    /** The rows of text that differ; when only looks differ (colour, weight), the first line of SVG that does. */
    static String difference(String before, String now) {
        List<String> was = SvgScreenshot.rows(before);
        List<String> is = SvgScreenshot.rows(now);
        StringBuilder out = new StringBuilder();
        int differing = 0;
        for (int row = 0; row < Math.max(was.size(), is.size()); row++) {
            String a = row < was.size() ? was.get(row) : "(no such row)";
            String b = row < is.size() ? is.get(row) : "(no such row)";
            if (!a.equals(b) && ++differing <= ROWS_SHOWN) {
                out.append(String.format("  row %2d was: %s%n  row %2d now: %s%n", row, a, row, b));
            }
        }
        if (differing > ROWS_SHOWN) {
            out.append("  ... and ").append(differing - ROWS_SHOWN).append(" more rows\n");
        }
        return differing > 0 ? out.toString() : firstDifferentLine(before, now);
    }

    private static String firstDifferentLine(String before, String now) {
        List<String> was = before.lines().toList();
        List<String> is = now.lines().toList();
        int line = 0;
        while (line < was.size() && line < is.size() && was.get(line).equals(is.get(line))) {
            line++;
        }
        return "  the text is the same, the looks are not; the first line of SVG that differs (line " + (line + 1)
                + "):\n  was: " + (line < was.size() ? was.get(line) : "(end of file)")
                + "\n  now: " + (line < is.size() ? is.get(line) : "(end of file)") + "\n";
    }
}
