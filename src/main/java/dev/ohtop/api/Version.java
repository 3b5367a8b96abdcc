package dev.ohtop.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * ohtop's version, as the pom says: the build writes it into a resource beside this class, so
 * the pom is the one place it is kept (--version, the log, the User-Agent all read it here).
 */
public final class Version {
    /** For example {@code 0.1.0-SNAPSHOT}; "unknown" when the classes were not built by Maven. */
    public static final String CURRENT = read();

    private Version() {}

    private static String read() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "");
            // Unfiltered (an IDE copying the file as it is): the placeholder is no version.
            return version.isEmpty() || version.startsWith("${") ? "unknown" : version;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
