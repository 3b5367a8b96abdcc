package dev.ohtop.ui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.terminal.virtual.VirtualTerminal;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * A virtual terminal's cells as an SVG picture: monospace text in the cells' colours, bold and
 * reverse video honoured; one {@code <tspan>} (and one background {@code <rect>}) per run of
 * cells of the same style. The output depends only on the cells, so the same screen gives the
 * same bytes.
 */
final class SvgScreenshot {
    /** A little wider than a 14 px monospace glyph (8.43 px), so a run never spills into the next. */
    static final double CELL_WIDTH = 8.6;

    static final int CELL_HEIGHT = 18;
    static final int FONT_SIZE = 14;
    /** Where the text sits in its row (the baseline, from the row's top). */
    static final int BASELINE = 14;

    static final String FOREGROUND = "#d4d4d4";
    static final String BACKGROUND = "#1e1e1e";

    /** VS Code's terminal palette, a familiar one. */
    private static final Map<TextColor.ANSI, String> PALETTE = Map.ofEntries(
            Map.entry(TextColor.ANSI.BLACK, "#000000"),
            Map.entry(TextColor.ANSI.RED, "#cd3131"),
            Map.entry(TextColor.ANSI.GREEN, "#0dbc79"),
            Map.entry(TextColor.ANSI.YELLOW, "#e5e510"),
            Map.entry(TextColor.ANSI.BLUE, "#2472c8"),
            Map.entry(TextColor.ANSI.MAGENTA, "#bc3fbc"),
            Map.entry(TextColor.ANSI.CYAN, "#11a8cd"),
            Map.entry(TextColor.ANSI.WHITE, "#e5e5e5"),
            Map.entry(TextColor.ANSI.BLACK_BRIGHT, "#767676"),
            Map.entry(TextColor.ANSI.RED_BRIGHT, "#f14c4c"),
            Map.entry(TextColor.ANSI.GREEN_BRIGHT, "#23d18b"),
            Map.entry(TextColor.ANSI.YELLOW_BRIGHT, "#f5f543"),
            Map.entry(TextColor.ANSI.BLUE_BRIGHT, "#3b8eea"),
            Map.entry(TextColor.ANSI.MAGENTA_BRIGHT, "#d670d6"),
            Map.entry(TextColor.ANSI.CYAN_BRIGHT, "#29b8db"),
            Map.entry(TextColor.ANSI.WHITE_BRIGHT, "#ffffff"));

    private SvgScreenshot() {}

    /** How a run of cells looks once colours are resolved and reverse video applied. */
    private record Look(String foreground, String background, boolean bold, boolean underline) {
        static Look of(TextCharacter c) {
            String fg = colour(c.getForegroundColor(), FOREGROUND);
            String bg = colour(c.getBackgroundColor(), BACKGROUND);
            boolean reverse = c.getModifiers().contains(SGR.REVERSE);
            return new Look(
                    reverse ? bg : fg,
                    reverse ? fg : bg,
                    c.getModifiers().contains(SGR.BOLD),
                    c.getModifiers().contains(SGR.UNDERLINE));
        }
    }

    static String of(VirtualTerminal terminal, String title) {
        TerminalSize size = terminal.getTerminalSize();
        String width = number(size.getColumns() * CELL_WIDTH);
        int height = size.getRows() * CELL_HEIGHT;
        StringBuilder backgrounds = new StringBuilder();
        StringBuilder texts = new StringBuilder();
        for (int row = 0; row < size.getRows(); row++) {
            backgrounds(terminal, row, backgrounds);
            StringBuilder spans = new StringBuilder();
            int column = 0;
            while (column < size.getColumns()) {
                Look look = Look.of(terminal.getCharacter(column, row));
                int start = column;
                StringBuilder text = new StringBuilder();
                while (column < size.getColumns()) {
                    TextCharacter c = terminal.getCharacter(column, row);
                    if (!Look.of(c).equals(look)) {
                        break;
                    }
                    text.append(c.getCharacterString());
                    column += c.isDoubleWidth() ? 2 : 1;
                }
                int cells = Math.min(column, size.getColumns()) - start;
                if (!text.toString().isBlank()) {
                    spans.append("<tspan x=\"")
                            .append(number(start * CELL_WIDTH))
                            .append("\" textLength=\"")
                            .append(number(cells * CELL_WIDTH))
                            .append("\" lengthAdjust=\"spacingAndGlyphs\"");
                    if (!look.foreground().equals(FOREGROUND)) {
                        spans.append(" fill=\"").append(look.foreground()).append('"');
                    }
                    if (look.bold()) {
                        spans.append(" font-weight=\"bold\"");
                    }
                    if (look.underline()) {
                        spans.append(" text-decoration=\"underline\"");
                    }
                    spans.append('>').append(xml(text.toString())).append("</tspan>");
                }
            }
            if (spans.length() > 0) {
                texts.append("<text y=\"")
                        .append(row * CELL_HEIGHT + BASELINE)
                        .append("\">")
                        .append(spans)
                        .append("</text>\n");
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"" + height
                + "\" viewBox=\"0 0 " + width + " " + height + "\" role=\"img\" aria-label=\"" + xml(title) + "\">\n"
                + "<title>" + xml(title) + "</title>\n"
                + "<rect width=\"100%\" height=\"100%\" fill=\"" + BACKGROUND + "\"/>\n"
                + backgrounds
                + "<g font-family=\"'DejaVu Sans Mono', Menlo, Consolas, 'Liberation Mono', monospace\" font-size=\""
                + FONT_SIZE + "\" fill=\"" + FOREGROUND + "\" xml:space=\"preserve\">\n"
                + texts
                + "</g>\n</svg>\n";
    }

    /** One {@code <rect>} per run of cells with the same background that is not the picture's own. */
    private static void backgrounds(VirtualTerminal terminal, int row, StringBuilder out) {
        int columns = terminal.getTerminalSize().getColumns();
        int column = 0;
        while (column < columns) {
            String background = Look.of(terminal.getCharacter(column, row)).background();
            int start = column;
            while (column < columns
                    && Look.of(terminal.getCharacter(column, row)).background().equals(background)) {
                column++;
            }
            if (!background.equals(BACKGROUND)) {
                out.append("<rect x=\"")
                        .append(number(start * CELL_WIDTH))
                        .append("\" y=\"")
                        .append(row * CELL_HEIGHT)
                        .append("\" width=\"")
                        .append(number((column - start) * CELL_WIDTH))
                        .append("\" height=\"")
                        .append(CELL_HEIGHT)
                        .append("\" fill=\"")
                        .append(background)
                        .append("\"/>\n");
            }
        }
    }

    /**
     * Writes the picture unless the file already holds exactly it (a test run must not dirty the
     * tree for nothing). Returns whether the file was written.
     */
    static boolean write(Path file, String svg) throws IOException {
        byte[] bytes = svg.getBytes(StandardCharsets.UTF_8);
        if (Files.isRegularFile(file) && java.util.Arrays.equals(Files.readAllBytes(file), bytes)) {
            return false;
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, bytes);
        return true;
    }

    /**
     * The picture's text, one string per row of the screen, each run placed at its column: what a
     * person reads in it, to say which rows two pictures differ in.
     */
    static List<String> rows(String svg) {
        Document doc = parse(svg);
        int rows = Integer.parseInt(doc.getDocumentElement().getAttribute("height")) / CELL_HEIGHT;
        List<StringBuilder> out = new ArrayList<>();
        for (int row = 0; row < rows; row++) {
            out.add(new StringBuilder());
        }
        NodeList texts = doc.getElementsByTagName("text");
        for (int i = 0; i < texts.getLength(); i++) {
            Element text = (Element) texts.item(i);
            int row = (Integer.parseInt(text.getAttribute("y")) - BASELINE) / CELL_HEIGHT;
            NodeList spans = text.getElementsByTagName("tspan");
            for (int j = 0; j < spans.getLength() && row >= 0 && row < rows; j++) {
                Element span = (Element) spans.item(j);
                int column = (int) Math.round(Double.parseDouble(span.getAttribute("x")) / CELL_WIDTH);
                StringBuilder line = out.get(row);
                line.append(" ".repeat(Math.max(0, column - line.length()))).append(span.getTextContent());
            }
        }
        return out.stream().map(line -> line.toString().stripTrailing()).toList();
    }

    static Document parse(String svg) {
        try {
            return DocumentBuilderFactory.newInstance()
                    .newDocumentBuilder()
                    .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalArgumentException("not an SVG picture: " + e.getMessage(), e);
        }
    }

    private static String colour(TextColor colour, String byDefault) {
        if (colour == TextColor.ANSI.DEFAULT) {
            return byDefault;
        }
        if (colour instanceof TextColor.ANSI ansi) {
            return PALETTE.get(ansi);
        }
        return String.format(Locale.ROOT, "#%02x%02x%02x", colour.getRed(), colour.getGreen(), colour.getBlue());
    }

    private static String number(double value) {
        String s = String.format(Locale.ROOT, "%.1f", value);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    /** Text for XML: the five special characters escaped, anything XML 1.0 cannot hold replaced. */
    static String xml(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            switch (cp) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    boolean allowed = cp == 0x9
                            || cp == 0xA
                            || cp == 0xD
                            || (cp >= 0x20 && cp <= 0xD7FF)
                            || (cp >= 0xE000 && cp <= 0xFFFD)
                            || cp >= 0x10000;
                    out.appendCodePoint(allowed && !(cp >= 0x7f && cp <= 0x9f) ? cp : 0xFFFD);
                }
            }
        });
        return out.toString();
    }
}
