package io.gmerecording.core.internal;

/**
 * One step every call passes (permit, retry, observation): it may act before and after the rest of the chain, call
 * it again (with a new context), or not at all.
 */
public interface CallStep {

    <T> T handle(Call<T> call, Chain next);

    /** The steps after this one, the transport last. */
    interface Chain {
        <T> T proceed(Call<T> call);
    }
}
