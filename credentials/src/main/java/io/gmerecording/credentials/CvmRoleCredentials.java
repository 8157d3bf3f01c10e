package io.gmerecording.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import io.gmerecording.core.Credentials;
import io.gmerecording.core.error.ErrorCodes;
import io.gmerecording.credentials.internal.SendableCredentials;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The CVM instance role: {@code GET <base>/latest/meta-data/cam/security-credentials/} names the role, {@code GET} of
 * that plus the role name gives {@code TmpSecretId}, {@code TmpSecretKey}, {@code Token}, {@code ExpiredTime} and
 * {@code Code} ({@code Success}). The base is {@code http://metadata.tencentyun.com}, or
 * {@code GME_RECORDING_METADATA_ENDPOINT} (tests, private clouds). Off a CVM the metadata host does not answer: the
 * probe gives up within about a second and is not tried again by this source. Once it has answered, a metadata
 * service that does not answer or answers a 5xx is {@code Client.CredentialsUnavailable} (retryable). The role's name
 * is the quota key ({@code cvm-role:NAME}): the same for every instance with that role, whatever its SecretId.
 */
public final class CvmRoleCredentials implements CredentialsSource {

    public static final String DEFAULT_ENDPOINT = "http://metadata.tencentyun.com";
    public static final String ENDPOINT_VARIABLE = "GME_RECORDING_METADATA_ENDPOINT";
    static final String PATH = "/latest/meta-data/cam/security-credentials/";
    private static final Duration PROBE = Duration.ofSeconds(1);

    private final String base;
    private volatile RoleEndpoints endpoints;
    private volatile boolean absent;
    private volatile boolean answeredBefore;
    private volatile String absentBecause;

    private CvmRoleCredentials(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** The metadata service this environment points at. */
    public static CvmRoleCredentials from(Map<String, String> environment) {
        String given = environment.get(ENDPOINT_VARIABLE);
        return new CvmRoleCredentials(given == null || given.trim().isEmpty() ? DEFAULT_ENDPOINT : given.trim());
    }

    @Override
    public Optional<Credentials> find() {
        return findExpiring().map(ExpiringCredentials::credentials);
    }

    @Override
    public Optional<ExpiringCredentials> findExpiring() {
        if (absent) {
            return Optional.empty();
        }
        String source = "CVM role at " + base;
        RoleEndpoints.checkUrl(base, ENDPOINT_VARIABLE, DEFAULT_ENDPOINT);
        try {
            HttpResponse<String> roles = endpoints().send(RoleEndpoints.request(base + PATH));
            if (roles.statusCode() == 404) {
                return Optional.empty(); // a CVM without a role
            }
            failIfServiceFailed(roles, source + ": the metadata service");
            String role = roles.body().trim().split("\\R", 2)[0].trim();
            if (roles.statusCode() != 200 || !role.matches("[A-Za-z0-9_+=,.@-]{1,128}")) {
                throw ErrorCodes.credentialsMalformed(source + ": the role name answer is not usable (HTTP "
                        + roles.statusCode() + ")");
            }
            HttpResponse<String> answer = endpoints().send(RoleEndpoints.request(base + PATH + role));
            failIfServiceFailed(answer, source + ": role " + role);
            if (answer.statusCode() != 200) {
                throw ErrorCodes.credentialsMalformed(source + ": role " + role + " answered HTTP " + answer.statusCode());
            }
            JsonNode credentials = RoleEndpoints.json(answer.body(), source + " role " + role);
            if (!"Success".equals(credentials.path("Code").asText())) {
                throw ErrorCodes.credentialsMalformed(source + ": role " + role + " answered Code "
                        + SendableCredentials.checked(credentials.path("Code").asText("(none)"), "Code", source));
            }
            ExpiringCredentials found = ExpiringCredentials.until(Credentials.of(
                    RoleEndpoints.text(credentials, "TmpSecretId", source),
                    RoleEndpoints.text(credentials, "TmpSecretKey", source),
                    RoleEndpoints.text(credentials, "Token", source)),
                    Instant.ofEpochSecond(RoleEndpoints.epochSeconds(credentials, "ExpiredTime", source)),
                    "cvm-role:" + role);
            answeredBefore = true;
            return Optional.of(found);
        } catch (RoleEndpoints.Unreachable e) {
            if (answeredBefore) {
                // on a CVM whose metadata service is briefly away: a failed refresh, not "no role here"
                throw ErrorCodes.credentialsUnavailable(source + ": the metadata service did not answer ("
                        + e.getMessage() + ")");
            }
            absent = true;
            absentBecause = e.getMessage();
            return Optional.empty();
        }
    }

    private RoleEndpoints endpoints() {
        if (endpoints == null) {
            endpoints = new RoleEndpoints(PROBE);
        }
        return endpoints;
    }

    /** Where it looked, and why it found nothing there when the metadata service did not answer. */
    @Override
    public String describe() {
        String because = absentBecause;
        return "CVM role (" + base + PATH + (because == null ? "" : ": no credentials there (" + because + ")")
                + ")";
    }

    /** A 5xx is the metadata service failing now, not a malformed answer: asking again later may succeed. */
    private static void failIfServiceFailed(HttpResponse<String> answer, String who) {
        if (answer.statusCode() >= 500) {
            throw ErrorCodes.credentialsUnavailable(who + " answered HTTP " + answer.statusCode());
        }
    }
}
