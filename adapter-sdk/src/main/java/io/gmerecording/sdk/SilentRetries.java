package io.gmerecording.sdk;

import com.tencentcloudapi.common.AbstractClient;
import com.tencentcloudapi.common.http.HttpConnection;
import java.lang.reflect.Field;
import okhttp3.OkHttpClient;

/**
 * The SDK's okhttp client silently resends a request when a connection fails, so one SDK call can be several
 * requests on the wire, unseen by any retry policy and counted against the 20 req/s limit. The SDK offers no
 * setting for it; this reaches into the client once, at construction, and turns it off. If a future SDK moves the
 * fields, the client is left as the SDK built it (the behaviour is then only less predictable, not wrong).
 */
final class SilentRetries {

    private SilentRetries() {
    }

    /** @return whether silent retries are now off */
    static boolean disable(AbstractClient client) {
        try {
            Field connectionField = AbstractClient.class.getDeclaredField("httpConnection");
            connectionField.setAccessible(true);
            Object connection = connectionField.get(client);
            if (!(connection instanceof HttpConnection)) {
                return false;
            }
            Field okhttpField = HttpConnection.class.getDeclaredField("client");
            okhttpField.setAccessible(true);
            OkHttpClient okhttp = (OkHttpClient) okhttpField.get(connection);
            okhttpField.set(connection, okhttp.newBuilder().retryOnConnectionFailure(false).build());
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
