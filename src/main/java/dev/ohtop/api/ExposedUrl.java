package dev.ohtop.api;

/** A URL a running sandbox exposes: {@code AGENT_SERVER}, {@code VSCODE}, {@code WORKER_1}, ... */
public record ExposedUrl(String name, String url, Integer port) {
    public static final String AGENT_SERVER = "AGENT_SERVER";

    /** The VSCODE URL carries the session key in its query, so the query is never printed. */
    @Override
    public String toString() {
        String shown = url == null ? null : url.replaceAll("\\?.*$", "?****");
        return "ExposedUrl[name=" + name + ", url=" + shown + ", port=" + port + "]";
    }
}
