package io.gmerecording.emulator;

/** What the emulator's 20 requests per second are counted per. */
public enum RateLimitScope {
    /** Per SecretId: how the service counts an API's frequency (one account quota, whatever the app); the default. */
    ACCOUNT,
    /** Per BizId (the application). */
    BIZ_ID
}
