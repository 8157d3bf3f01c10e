package io.gmerecording.spring;

import io.gmerecording.core.Action;
import io.gmerecording.core.CredentialsProvider;
import io.gmerecording.core.policy.PermitSource;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/** Each action's budget shared through Redis; a bean only when gme-recording-redis is on the class path. */
@FunctionalInterface
interface SharedLimitChoice {

    /** @param reachability hears, for each action's budget made, how to ask whether its Redis answers now */
    Function<Action, PermitSource> perAction(GmeRecordingProperties properties, CredentialsProvider credentials,
            BiConsumer<Action, BooleanSupplier> reachability);
}
