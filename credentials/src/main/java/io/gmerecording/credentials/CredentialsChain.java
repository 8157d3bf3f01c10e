package io.gmerecording.credentials;

import io.gmerecording.core.Credentials;
import io.gmerecording.core.CredentialsProvider;
import io.gmerecording.core.error.CredentialsException;
import io.gmerecording.core.error.ErrorCodes;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Looks for credentials in order and uses the first place that has them. The standard order is the one users of
 * the official SDK and tccli know: environment, {@code ~/.tencentcloud/credentials}, {@code ~/.tccli/<profile>.credential}
 * (profile {@code default}, or {@code TCCLI_PROFILE}). A malformed place stops the search with its own error rather
 * than silently falling through to the next. What was found is kept, so files are read once.
 */
public final class CredentialsChain implements CredentialsProvider {

    private final List<CredentialsSource> sources;
    private volatile Credentials found;

    private CredentialsChain(List<CredentialsSource> sources) {
        this.sources = Collections.unmodifiableList(new ArrayList<>(sources));
    }

    public static CredentialsChain of(CredentialsSource... sources) {
        return new CredentialsChain(Arrays.asList(sources));
    }

    /** The standard chain for this process's environment and the user's home directory ({@link #home}). */
    public static CredentialsChain standard() {
        return standard(System.getenv(), home(System.getenv()));
    }

    /**
     * The home directory the credential files are looked up under: {@code $HOME} when it is set, as the AWS SDK and
     * tccli do, else the JVM's {@code user.home}.
     */
    public static Path home(Map<String, String> environment) {
        String home = environment.get("HOME");
        return Paths.get(home != null && !home.trim().isEmpty() ? home : System.getProperty("user.home"));
    }

    /** The standard chain over a given environment and home directory (for tests and embedding). */
    public static CredentialsChain standard(Map<String, String> environment, Path home) {
        String profile = environment.getOrDefault("TCCLI_PROFILE", "default");
        return of(
                EnvironmentCredentials.of(environment),
                ProfileFileCredentials.inHome(home),
                TccliCredentials.inHome(home, profile.trim().isEmpty() ? "default" : profile.trim()));
    }

    @Override
    public Credentials resolve() {
        Credentials cached = found;
        if (cached != null) {
            return cached;
        }
        for (CredentialsSource source : sources) {
            Optional<Credentials> credentials = source.find();
            if (credentials.isPresent()) {
                found = credentials.get();
                return found;
            }
        }
        throw ErrorCodes.credentialsNotFound("no Tencent Cloud credentials given explicitly or found; looked in: " + String.join(", ", places()));
    }

    private List<String> places() {
        List<String> places = new ArrayList<>();
        for (CredentialsSource source : sources) {
            places.add(source.describe());
        }
        return places;
    }

    @Override
    public String toString() {
        return "CredentialsChain" + places();
    }
}
