package io.gmerecording.core.policy;

/**
 * Where a request's permission to go out comes from: the limit every request takes a permit from before it is sent
 * and gives back when it has finished. {@link RateLimiter} is the in-process one; a limit shared by many processes
 * (one account quota for every replica) implements this too, and
 * {@link io.gmerecording.core.GmeRecording.Builder#permits} takes one per action.
 */
public interface PermitSource {

    /**
     * Blocks until the caller may send one request, for at most the source's wait bound.
     *
     * @throws io.gmerecording.core.error.ClientLimitException ({@code Client.RateLimitWaitExceeded}) when the wait
     *     would exceed the bound
     * @throws io.gmerecording.core.error.RecordingQueryException ({@code Client.Interrupted}) when interrupted
     */
    Permit acquire();

    /** One request's place in the limit. */
    interface Permit {

        /** Marks the request finished, successfully or not; later calls change nothing. */
        void release();
    }
}
