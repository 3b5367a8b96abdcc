package dev.ohtop.api;

/** One text item of a message's content list. */
public record TextContent(String type, String text) {
    public static TextContent of(String text) {
        return new TextContent("text", text);
    }
}
