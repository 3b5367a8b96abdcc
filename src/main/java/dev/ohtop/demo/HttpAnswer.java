package dev.ohtop.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A whole HTTP answer written straight onto a connection, then the connection closes: how the
 * agent port refuses a WebSocket upgrade, which never reaches the HttpServer.
 *
 * @param contentType null for an answer without a body
 */
record HttpAnswer(int status, String reason, String contentType, String body) {
    static HttpAnswer json(int status, String reason, String json) {
        return new HttpAnswer(status, reason, "application/json", json);
    }

    /** The proxy's page ({@link ProxyPage}) with its status line. */
    static HttpAnswer proxyPage(int status, String reason) {
        return new HttpAnswer(status, reason, "text/html", ProxyPage.titled(status + " " + reason));
    }

    /** What uvicorn answers a WebSocket request the app closes before accepting it: 403 and nothing else. */
    static HttpAnswer forbidden() {
        return new HttpAnswer(403, "Forbidden", null, "");
    }

    void writeTo(OutputStream out) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder("HTTP/1.1 ")
                .append(status)
                .append(' ')
                .append(reason)
                .append("\r\n");
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        head.append("Content-Length: ").append(bytes.length).append("\r\nConnection: close\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
    }
}
