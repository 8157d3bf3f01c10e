package io.gmerecording.spring;

import io.gmerecording.core.GmeRecording;

/**
 * What properties do not cover: each bean of this type may change the client's builder after the properties are
 * applied and before it is built (a {@code RetryPolicy} of one's own, an observer, a permit source per action, a
 * transport), in {@code @Order} order.
 */
@FunctionalInterface
public interface GmeRecordingCustomizer {

    void customize(GmeRecording.Builder builder);
}
