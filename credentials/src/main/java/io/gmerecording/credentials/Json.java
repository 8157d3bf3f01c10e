package io.gmerecording.credentials;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one mapper of this module, in a class of its own so that it starts (about 40 ms of a new JVM) only when a
 * document is read or written: the chain loads every credentials source class, and most runs never parse JSON.
 */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }
}
