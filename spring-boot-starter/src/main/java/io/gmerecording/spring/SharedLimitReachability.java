package io.gmerecording.spring;

import io.gmerecording.core.Action;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/** How to ask each action's shared budget whether its Redis answers now; empty without a shared limit. */
final class SharedLimitReachability {

    private final Map<Action, BooleanSupplier> checks = new ConcurrentHashMap<>();

    void add(Action action, BooleanSupplier check) {
        checks.put(action, check);
    }

    Map<Action, BooleanSupplier> checks() {
        return Map.copyOf(checks);
    }
}
