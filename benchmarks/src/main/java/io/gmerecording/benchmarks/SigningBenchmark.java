package io.gmerecording.benchmarks;

import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;
import com.tencentcloudapi.gme.v20180711.GmeClient;
import io.gmerecording.tc3.Tc3Request;
import io.gmerecording.tc3.Tc3Signer;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Signing one DescribeRecordInfo request: our signer as adapter-http calls it per request, against the SDK's own
 * per-request signing path ({@code AbstractClient.getAuthorization}, private, reached by reflection so the very code
 * the SDK runs is measured) for the same credentials, host, content type, body and timestamp.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SigningBenchmark {

    private static final long TIMESTAMP = 1795514400L;
    private static final String HOST = "gme.tencentcloudapi.com";
    private static final String CONTENT_TYPE = "application/json; charset=utf-8";

    private final Tc3Signer signer = Tc3Signer.create();
    private final byte[] body = Fixtures.REQUEST_BODY.getBytes(StandardCharsets.UTF_8);
    private GmeClient sdk;
    private Method sdkAuthorization;
    private HashMap<String, String> sdkHeaders;

    @Setup
    public void setUp() throws ReflectiveOperationException {
        HttpProfile http = new HttpProfile();
        http.setEndpoint(HOST);
        sdk = new GmeClient(new Credential(Fixtures.KEY.secretId(), Fixtures.KEY.secretKey()), "",
                new ClientProfile(ClientProfile.SIGN_TC3_256, http));
        sdkAuthorization = com.tencentcloudapi.common.AbstractClient.class
                .getDeclaredMethod("getAuthorization", HashMap.class, byte[].class);
        sdkAuthorization.setAccessible(true);
        sdkHeaders = new HashMap<>();
        sdkHeaders.put("Content-Type", CONTENT_TYPE);
        sdkHeaders.put("X-TC-Timestamp", Long.toString(TIMESTAMP));
        sdkHeaders.put("Host", HOST);
        if (!ours().equals(sdk())) {
            throw new IllegalStateException("the two signers disagree; the comparison would be meaningless:\n"
                    + ours() + "\n" + sdk());
        }
    }

    @Benchmark
    public String ours() {
        return signer.authorization(Fixtures.KEY.secretId(), Fixtures.KEY.secretKey(), Tc3Request.builder()
                .service("gme").timestamp(TIMESTAMP).contentType(CONTENT_TYPE).host(HOST).payload(body).build());
    }

    @Benchmark
    public String sdk() {
        try {
            return (String) sdkAuthorization.invoke(sdk, sdkHeaders, body);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
