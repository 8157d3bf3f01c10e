package io.gmerecording.spring;

import io.gmerecording.core.TransportBuilder;

/** The builder of one adapter the class path holds; a bean per adapter, named by its configuration. */
@FunctionalInterface
interface TransportChoice {

    TransportBuilder<?, ?> newBuilder();
}
