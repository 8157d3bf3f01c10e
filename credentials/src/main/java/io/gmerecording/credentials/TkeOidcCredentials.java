package io.gmerecording.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gmerecording.core.Credentials;
import io.gmerecording.core.error.ErrorCodes;
import io.gmerecording.credentials.internal.SendableCredentials;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * TKE's OIDC web identity: when {@code TKE_REGION}, {@code TKE_PROVIDER_ID}, {@code TKE_WEB_IDENTITY_TOKEN_FILE} and
 * {@code TKE_ROLE_ARN} are all set, the token file's identity is exchanged at STS {@code AssumeRoleWithWebIdentity}
 * (version 2018-08-13, unsigned: {@code Authorization: SKIP}) for temporary credentials. STS is
 * {@code https://sts.tencentcloudapi.com}, or {@code GME_RECORDING_STS_ENDPOINT}. The token file is read again at
 * every exchange, since the platform rotates it. STS unreachable, a 5xx or a retryable error code is
 * {@code Client.CredentialsUnavailable}. The role's ARN is the quota key ({@code tke-role:ARN}), shared by every pod
 * that assumes it.
 */
public final class TkeOidcCredentials implements CredentialsSource {

    public static final String DEFAULT_STS_ENDPOINT = "https://sts.tencentcloudapi.com";
    public static final String STS_VARIABLE = "GME_RECORDING_STS_ENDPOINT";
    static final String[] VARIABLES = {"TKE_REGION", "TKE_PROVIDER_ID", "TKE_WEB_IDENTITY_TOKEN_FILE", "TKE_ROLE_ARN"};
    private static final Duration BOUND = Duration.ofSeconds(5);
    private static final long DURATION_SECONDS = 7200;

    private final Map<String, String> environment;
    private final String sts;
    private final Clock clock;
    private volatile RoleEndpoints endpoints;

    private TkeOidcCredentials(Map<String, String> environment, Clock clock) {
        this.environment = environment;
        String given = environment.get(STS_VARIABLE);
        String base = given == null || given.trim().isEmpty() ? DEFAULT_STS_ENDPOINT : given.trim();
        this.sts = base.endsWith("/") ? base : base + "/";
        this.clock = clock;
    }

    public static TkeOidcCredentials from(Map<String, String> environment) {
        return new TkeOidcCredentials(environment, Clock.systemUTC());
    }

    @Override
    public Optional<Credentials> find() {
        return findExpiring().map(ExpiringCredentials::credentials);
    }

    @Override
    public Optional<ExpiringCredentials> findExpiring() {
        for (String variable : VARIABLES) {
            String value = environment.get(variable);
            if (value == null || value.trim().isEmpty()) {
                return Optional.empty();
            }
        }
        RoleEndpoints.checkUrl(sts, STS_VARIABLE, DEFAULT_STS_ENDPOINT);
        String source = "TKE OIDC (STS at " + RoleEndpoints.withoutUserInfo(sts) + ")";
        String region = SendableCredentials.checked(environment.get("TKE_REGION"), "TKE_REGION", source);
        String roleArn = SendableCredentials.checked(environment.get("TKE_ROLE_ARN"), "TKE_ROLE_ARN", source);
        byte[] token = CredentialFiles.read(Paths.get(environment.get("TKE_WEB_IDENTITY_TOKEN_FILE").trim()))
                .orElseThrow(() -> ErrorCodes.credentialsMalformed(source + ": the file TKE_WEB_IDENTITY_TOKEN_FILE "
                        + "names does not exist"));
        ObjectNode body = Json.MAPPER.createObjectNode()
                .put("ProviderId", SendableCredentials.checked(environment.get("TKE_PROVIDER_ID"), "TKE_PROVIDER_ID", source))
                .put("WebIdentityToken", SendableCredentials.checked(new String(token, java.nio.charset.StandardCharsets.UTF_8),
                        "the web identity token", source))
                .put("RoleArn", roleArn)
                .put("RoleSessionName", "gme-recording-" + clock.millis())
                .put("DurationSeconds", DURATION_SECONDS);
        HttpResponse<String> answer;
        try {
            answer = endpoints().send(RoleEndpoints.request(sts)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("Authorization", "SKIP")
                    .header("X-TC-Action", "AssumeRoleWithWebIdentity")
                    .header("X-TC-Version", "2018-08-13")
                    .header("X-TC-Region", region)
                    .header("X-TC-Timestamp", Long.toString(clock.instant().getEpochSecond()))
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        } catch (RoleEndpoints.Unreachable e) {
            throw ErrorCodes.credentialsUnavailable(source + ": STS did not answer (" + e.getMessage() + ")");
        }
        if (answer.statusCode() >= 500) {
            throw ErrorCodes.credentialsUnavailable(source + ": STS answered HTTP " + answer.statusCode());
        }
        if (answer.statusCode() != 200) {
            throw ErrorCodes.credentialsMalformed(source + ": STS answered HTTP " + answer.statusCode());
        }
        JsonNode response = RoleEndpoints.json(answer.body(), source + " answer").path("Response");
        if (response.has("Error")) {
            String code = SendableCredentials.checked(response.path("Error").path("Code").asText("no code"), "Code", source);
            if (ErrorCodes.isRetryable(code)) {
                throw ErrorCodes.credentialsUnavailable(source + ": STS could not answer now (" + code + ")");
            }
            throw ErrorCodes.credentialsMalformed(source + ": STS refused the web identity (" + code + ")");
        }
        JsonNode credentials = response.path("Credentials");
        return Optional.of(ExpiringCredentials.until(Credentials.of(
                RoleEndpoints.text(credentials, "TmpSecretId", source),
                RoleEndpoints.text(credentials, "TmpSecretKey", source),
                RoleEndpoints.text(credentials, "Token", source)),
                Instant.ofEpochSecond(RoleEndpoints.epochSeconds(response, "ExpiredTime", source)),
                "tke-role:" + roleArn));
    }

    private RoleEndpoints endpoints() {
        if (endpoints == null) {
            endpoints = new RoleEndpoints(BOUND);
        }
        return endpoints;
    }

    @Override
    public String describe() {
        return "TKE OIDC (TKE_REGION, TKE_PROVIDER_ID, TKE_WEB_IDENTITY_TOKEN_FILE, TKE_ROLE_ARN; STS " + sts + ")";
    }
}
