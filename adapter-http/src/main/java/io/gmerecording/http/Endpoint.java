package io.gmerecording.http;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/** A validated service endpoint: scheme, host and port, and the Host header the HTTP client will send for it. */
final class Endpoint {

    private final URI uri;
    private final String hostHeader;

    private Endpoint(URI uri, String hostHeader) {
        this.uri = uri;
        this.hostHeader = hostHeader;
    }

    /**
     * @param allowInsecureHttp whether {@code http://} may be used for a host that is not loopback
     * @throws IllegalArgumentException naming the endpoint when it is not a usable https (or loopback http) URL
     */
    static Endpoint parse(String endpoint, boolean allowInsecureHttp) {
        if (endpoint == null || endpoint.trim().isEmpty()) {
            throw new IllegalArgumentException("endpoint must not be empty");
        }
        URI uri;
        try {
            uri = new URI(endpoint.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("endpoint is not a URL: '" + endpoint + "'");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException(
                    "endpoint must start with https:// (or http:// for a loopback address), got '" + endpoint + "'");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("endpoint has no host: '" + endpoint + "'");
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(
                    "endpoint must be scheme://host[:port] with no path, query or user info, got '" + endpoint + "'");
        }
        boolean secure = scheme.equals("https");
        if (!secure && !allowInsecureHttp && !isLoopback(uri.getHost())) {
            throw new IllegalArgumentException("refusing plain http:// to non-loopback host '" + uri.getHost()
                    + "': requests would travel unencrypted; use https:// or opt in with allowInsecureHttp(true)");
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (secure && port == 443) || (!secure && port == 80);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        URI normalized = URI.create(scheme + "://" + host + (port == -1 ? "" : ":" + port) + "/");
        return new Endpoint(normalized, defaultPort ? host : host + ":" + port);
    }

    /** {@code localhost} or a loopback IP literal; names are never resolved here. */
    static boolean isLoopback(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.equalsIgnoreCase("localhost")) {
            return true;
        }
        boolean literal = bare.contains(":") || bare.matches("[0-9.]+");
        if (!literal) {
            return false;
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    URI uri() {
        return uri;
    }

    /** What java.net.http sends as Host: the port only when it is not the scheme's default. */
    String hostHeader() {
        return hostHeader;
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
