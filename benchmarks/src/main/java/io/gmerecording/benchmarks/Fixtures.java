package io.gmerecording.benchmarks;

import io.gmerecording.core.Credentials;
import io.gmerecording.core.TaskRef;
import java.nio.charset.StandardCharsets;

/** The request and answer every measurement uses: the seed task of the product document. */
final class Fixtures {

    static final TaskRef SEED = TaskRef.of(3400352518L, 446192236330927912L);
    static final Credentials KEY = Credentials.of("AKIDbenchmark00000000000000000000000", "benchmark-secret-key-0000000000");
    static final String SEED_BODY = "{\"Response\":{\"RoomId\":\"7743\",\"RecordMode\":1,\"RecordInfo\":[{"
            + "\"RecordStatus\":2,\"RecordBeginTime\":1234567868,\"UserId\":\"6787\","
            + "\"FileName\":\"/3400352518_2314_447947346201176660_9081\"}],"
            + "\"RequestId\":\"h9167d24-a2c6-1125-a5bd-5c023ba721c2\"}}";
    static final byte[] SEED_BYTES = SEED_BODY.getBytes(StandardCharsets.UTF_8);
    static final String REQUEST_BODY = "{\"TaskId\":446192236330927912,\"BizId\":3400352518}";

    private Fixtures() {
    }
}
