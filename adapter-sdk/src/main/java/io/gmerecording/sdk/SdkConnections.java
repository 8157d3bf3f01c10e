package io.gmerecording.sdk;

import com.tencentcloudapi.common.AbstractClient;
import com.tencentcloudapi.common.http.HttpConnection;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.reflect.Field;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.ConnectionPool;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/**
 * Reaches the okhttp client inside an SDK client, which the SDK offers no setting for. Three changes: okhttp silently
 * resends a request when a connection fails, so one SDK call can be several requests on the wire, unseen by any retry
 * policy and counted against the 20 req/s limit, so that is switched off; the SDK never closes the body of a non-200
 * answer, which leaks a pooled connection (okhttp warns when it notices), so such bodies are read (capped) and closed
 * before the SDK sees them; and every SDK client shares one JVM-wide connection pool, so each query gets a pool of its
 * own, which closing the query empties without touching anyone else's. If a future SDK moves the fields, the client
 * is left as the SDK built it (then only less predictable, not wrong), and that is logged once.
 */
final class SdkConnections {

    private static final System.Logger LOG = System.getLogger(SdkTransport.class.getName());
    private static final AtomicBoolean WARNED = new AtomicBoolean();
    /** The SDK discards a non-200 body anyway; this much is kept in memory in its place. */
    private static final long ERROR_BODY_CAP = 64 * 1024;

    private SdkConnections() {
    }

    /** @return whether the client now has silent retries off, non-200 bodies closed and the given pool */
    static boolean adjust(AbstractClient client, ConnectionPool pool) {
        try {
            Field okhttpField = okhttpField();
            HttpConnection connection = connection(client);
            OkHttpClient okhttp = (OkHttpClient) okhttpField.get(connection);
            okhttpField.set(connection, okhttp.newBuilder().retryOnConnectionFailure(false).connectionPool(pool)
                    .addInterceptor(SdkConnections::closeNon200Body).build());
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            if (WARNED.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, "cannot switch off okhttp's silent retries in this SDK version ({0}); "
                        + "a failed connection may be retried once more than the retry policy says",
                        e.getClass().getSimpleName());
            }
            return false;
        }
    }

    private static Response closeNon200Body(Interceptor.Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        if (response.code() == 200 || response.body() == null) {
            return response;
        }
        try (Response original = response) {
            return original.newBuilder().body(original.peekBody(ERROR_BODY_CAP)).build();
        }
    }

    /** The okhttp client the SDK client sends with. */
    static OkHttpClient okhttp(AbstractClient client) throws ReflectiveOperationException {
        return (OkHttpClient) okhttpField().get(connection(client));
    }

    private static HttpConnection connection(AbstractClient client) throws ReflectiveOperationException {
        Field connectionField = AbstractClient.class.getDeclaredField("httpConnection");
        connectionField.setAccessible(true);
        Object connection = connectionField.get(client);
        if (!(connection instanceof HttpConnection)) {
            throw new NoSuchFieldException("httpConnection is " + connection);
        }
        return (HttpConnection) connection;
    }

    private static Field okhttpField() throws NoSuchFieldException {
        Field okhttpField = HttpConnection.class.getDeclaredField("client");
        okhttpField.setAccessible(true);
        return okhttpField;
    }
}
