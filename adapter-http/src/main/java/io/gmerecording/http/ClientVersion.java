package io.gmerecording.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** This library's version, filtered into a resource at build time. */
final class ClientVersion {

    static final String VERSION = load();

    /**
     * {@code X-TC-RequestClient}: the service accepts at most 128 characters of {@code [0-9a-zA-Z-_,;.]}, so the
     * name and version are joined with {@code _} rather than a slash.
     */
    static final String REQUEST_CLIENT = "gme-recording_" + VERSION;

    private ClientVersion() {
    }

    private static String load() {
        Properties properties = new Properties();
        try (InputStream in = ClientVersion.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return properties.getProperty("version", "unknown");
    }
}
