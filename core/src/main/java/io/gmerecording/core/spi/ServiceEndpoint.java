package io.gmerecording.core.spi;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A validated service endpoint, {@code scheme://host[:port]}, shared by every adapter so they accept and refuse the
 * same URLs. HTTPS by default; plain {@code http://} only for a loopback host ({@code localhost}, {@code 127.0.0.0/8},
 * {@code ::1}) unless the caller opts in. Parsing only: nothing is resolved or connected.
 */
public final class ServiceEndpoint {

    private final String scheme;
    private final String host;
    private final int port;

    private ServiceEndpoint(String scheme, String host, int port) {
        this.scheme = scheme;
        this.host = host;
        this.port = port;
    }

    /**
     * @param allowInsecureHttp whether {@code http://} may be used for a host that is not loopback
     * @throws IllegalArgumentException naming the endpoint when it is not a usable https (or loopback http) URL
     */
    public static ServiceEndpoint parse(String endpoint, boolean allowInsecureHttp) {
        if (endpoint == null || endpoint.trim().isEmpty()) {
            throw new IllegalArgumentException("endpoint must not be empty");
        }
        String shown = withoutUserInfo(endpoint);
        URI uri;
        try {
            uri = new URI(endpoint.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("endpoint is not a URL: '" + shown + "'");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException(
                    "endpoint must start with https:// (or http:// for a loopback address), got '" + shown + "'");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("endpoint has no host: '" + shown + "'");
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(
                    "endpoint must be scheme://host[:port] with no path, query or user info, got '" + shown + "'");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw new IllegalArgumentException("endpoint port must be 1..65535, got " + uri.getPort() + " in '"
                    + shown + "'");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (scheme.equals("http") && !allowInsecureHttp && !isLoopback(host)) {
            throw new IllegalArgumentException("refusing plain http:// to non-loopback host '" + host
                    + "': requests would travel unencrypted; use https:// or opt in with allowInsecureHttp(true)");
        }
        return new ServiceEndpoint(scheme, host, uri.getPort());
    }

    /**
     * The text with whatever stands between the scheme and the last {@code @} replaced, so that a password in a URL
     * (also one whose {@code //} was forgotten, {@code http:user:secret@host}) never reaches a message.
     */
    private static String withoutUserInfo(String url) {
        int at = url.lastIndexOf('@');
        if (at < 0) {
            return url;
        }
        int slashes = url.indexOf("//");
        int colon = url.indexOf(':');
        int start = slashes >= 0 && slashes < at ? slashes + 2 : colon >= 0 && colon < at ? colon + 1 : 0;
        return url.substring(0, start) + "***" + url.substring(at);
    }

    /** {@code localhost}, an IPv4 literal in 127.0.0.0/8 or the IPv6 loopback literal; names are never resolved. */
    static boolean isLoopback(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return bare.equals("localhost")
                || bare.matches("127(\\.(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])){3}")
                || bare.matches("(0{1,4}:){7}0{0,3}1|::(0{1,4}:){0,6}0{0,3}1|::1");
    }

    public boolean isSecure() {
        return scheme.equals("https");
    }

    /** The host as in the URL, lower case; IPv6 literals keep their brackets. */
    public String host() {
        return host;
    }

    /** The port as written, or -1 when the URL has none. */
    public int port() {
        return port;
    }

    /** {@code host[:port]}: what an HTTP client sends as Host, the port only when it is not the scheme's default. */
    public String hostHeader() {
        boolean defaultPort = port == -1 || (isSecure() && port == 443) || (!isSecure() && port == 80);
        return defaultPort ? host : host + ":" + port;
    }

    /** {@code scheme://host[:port]/}. */
    public String url() {
        return scheme + "://" + host + (port == -1 ? "" : ":" + port) + "/";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ServiceEndpoint && url().equals(((ServiceEndpoint) other).url());
    }

    @Override
    public int hashCode() {
        return url().hashCode();
    }

    @Override
    public String toString() {
        return url();
    }
}
