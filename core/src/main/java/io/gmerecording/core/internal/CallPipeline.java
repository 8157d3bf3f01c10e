package io.gmerecording.core.internal;

import io.gmerecording.core.Transport;
import java.util.List;
import java.util.Objects;

/** The steps of every call, in order, and the transport at the end. Thread-safe when its steps are. */
public final class CallPipeline {

    private final List<CallStep> steps;
    private final Transport transport;

    public CallPipeline(List<CallStep> steps, Transport transport) {
        this.steps = List.copyOf(steps);
        this.transport = Objects.requireNonNull(transport, "transport must not be null");
    }

    public <T> T execute(Call<T> call) {
        return new Link(0).proceed(call);
    }

    /** The transport's name, for the calls this pipeline makes. */
    public String adapter() {
        return transport.name();
    }

    private final class Link implements CallStep.Chain {
        private final int index;

        Link(int index) {
            this.index = index;
        }

        @Override
        public <T> T proceed(Call<T> call) {
            Objects.requireNonNull(call, "call must not be null");
            return index == steps.size() ? call.sendThrough(transport)
                    : steps.get(index).handle(call, new Link(index + 1));
        }
    }

    @Override
    public String toString() {
        return "CallPipeline" + steps + " -> " + transport;
    }
}
