package io.gmerecording.emulator;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.gmerecording.spec.model.ApiError;
import io.gmerecording.spec.model.DescribeRecordInfoResponse;
import io.gmerecording.spec.model.ModifyRecordInfoResponse;
import io.gmerecording.spec.model.RecordInfo;
import io.gmerecording.spec.model.StartRecordResponse;
import io.gmerecording.spec.model.StopRecordResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A local stand-in for GME's recording API on the JDK's HTTP server, bound to loopback: the five recording actions
 * (DescribeRecordInfo over {@link Fixtures} and the tasks it started, StartRecord, StopRecord, ModifyRecordInfo and
 * DescribeTaskInfo over its rooms). It answers like the service: HTTP 200 envelopes with a fresh RequestId, the real
 * error codes, TC3 signatures verified (scope date, service {@code gme} or the Host's first label, signed headers,
 * host with or without the port, 300 s skew), 20 requests per second per action and account (SecretId) or BizId,
 * simulated tasks advancing through the status pipeline. Rooms come from the fixtures, {@link #room} and the control
 * endpoints: {@code GET /emulator/rooms/{bizId}/{roomId}} tells who is in a room, {@code POST
 * /emulator/rooms/{bizId}/{roomId}/users/{userId}/join} (or {@code leave}, {@code mute}, {@code unmute}) moves a user;
 * they are unsigned, for scripts and other languages' tests, and answer JSON.
 *
 * <p>Speed: the JDK's HTTP server waits on the client's delayed ACK, about 40 ms a request, unless the JVM runs with
 * {@code -Dsun.net.httpserver.nodelay=true} (read once per JVM, so pass it on the command line or in surefire's
 * {@code argLine}). This class sets no JVM-wide property itself.
 */
public final class GmeEmulator implements AutoCloseable {

    public static final String ACTION = "DescribeRecordInfo";
    /** The actions served and the request fields each takes. */
    private static final Map<String, Set<String>> ACTIONS = Map.of(
            ACTION, Set.of("TaskId", "BizId"),
            "StartRecord", Set.of("BizId", "RoomId", "RecordMode", "SubscribeRecordUserIds"),
            "StopRecord", Set.of("TaskId", "BizId"),
            "ModifyRecordInfo", Set.of("TaskId", "RecordMode", "BizId", "SubscribeRecordUserIds"),
            "DescribeTaskInfo", Set.of("BizId", "RoomId"));
    public static final String VERSION = "2018-07-11";
    public static final int REQUESTS_PER_SECOND = 20;
    /** 2^53 - 1, the largest integer a double holds exactly: see {@link Builder#maxTaskId}. */
    public static final long JAVASCRIPT_SAFE_TASK_IDS = (1L << 53) - 1;
    private static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper().setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);

    /** How long one request may take to arrive, body included, unless the builder says otherwise. */
    public static final Duration DEFAULT_EXCHANGE_DEADLINE = Duration.ofSeconds(10);
    private static final System.Logger LOG = System.getLogger(GmeEmulator.class.getName());
    /** Connections served at once unless the builder says otherwise: far more than any test or benchmark opens. */
    public static final int DEFAULT_MAX_CONNECTIONS = 256;

    private final HttpServer server;
    private final TlsIdentity tls;
    private final ExchangeDeadlines executor;
    private final Fixtures fixtures;
    private final Map<String, AcceptedKey> keys;
    private final RoleService roles;
    private final SignatureCheck signatures;
    private final Clock clock;
    private final Duration simulationStep;
    private final int requestsPerSecond;
    private final Map<String, ArrayDeque<Long>> acceptedByApp = new HashMap<>();
    private final RateLimitScope rateLimitScope;
    private final Map<Fixtures.FixtureTask, Instant> firstDescribed = new ConcurrentHashMap<>();
    private final RequestLog log;
    private final Dispatcher dispatcher;
    private final Lifecycle lifecycle;
    private final CallbackSender callbacks;
    private final ScheduledExecutorService ticker;
    private long lastSweepMillis;

    private GmeEmulator(Builder builder) throws IOException {
        this.fixtures = builder.fixtures;
        this.keys = Collections.unmodifiableMap(new LinkedHashMap<>(builder.keys));
        this.roles = new RoleService(builder.clock, builder.temporaryCredentialLifetime);
        this.signatures = new SignatureCheck(keys, roles);
        this.clock = builder.clock;
        this.simulationStep = builder.simulationStep;
        this.requestsPerSecond = builder.requestsPerSecond;
        this.rateLimitScope = builder.rateLimitScope;
        this.dispatcher = builder.dispatcher;
        this.callbacks = builder.callbacks == null ? null : new CallbackSender(builder.callbacks);
        this.lifecycle = new Lifecycle(builder.clock, builder.simulationStep, builder.maxTaskId,
                callbacks == null ? event -> { } : callbacks::send);
        // the upload events fall due on the clock alone, also when no request comes
        this.ticker = callbacks == null ? null : Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "gme-emulator-lifecycle-clock");
            thread.setDaemon(true);
            return thread;
        });
        if (ticker != null) {
            ticker.scheduleWithFixedDelay(lifecycle::tick, 100, 100, TimeUnit.MILLISECONDS);
        }
        for (Fixtures.FixtureRoom room : fixtures.rooms()) {
            lifecycle.knowApp(room.bizId);
            room.users.forEach(userId -> lifecycle.join(room.bizId, room.roomId, userId));
        }
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), builder.port);
        this.tls = builder.tls == null ? null : builder.tls.get();
        RequestLog requests = null;
        try {
            requests = new RequestLog(builder.requestLogCapacity, builder.requestLogFile);
            if (tls == null) {
                this.server = HttpServer.create(address, 1024);
            } else {
                HttpsServer https = HttpsServer.create(address, 1024);
                https.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
                this.server = https;
            }
        } catch (IOException | RuntimeException e) {
            // a failed start leaves nothing behind: no certificate directory, no open log
            if (tls != null) {
                tls.delete();
            }
            if (requests != null) {
                requests.close();
            }
            throw e;
        }
        this.log = requests;
        this.executor = new ExchangeDeadlines(builder.exchangeDeadline, builder.maxConnections);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        RoomControl control = new RoomControl(this::room);
        Console console = new Console(this, lifecycle);
        server.createContext(Console.STATE, exchange -> serve(exchange, console::state));
        server.createContext(RoomControl.PREFIX, exchange -> serve(exchange, control::handle));
        server.createContext("/latest/meta-data/", exchange -> serve(exchange, dispatched(roles::metadata)));
        server.start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts an emulator with the demo fixtures and demo key on a free loopback port. */
    public static GmeEmulator startDemo() {
        return builder().build();
    }

    /**
     * The certificate file (PEM) clients must trust when the emulator serves https ({@link Builder#tls()}); empty for
     * plain http.
     */
    public Optional<Path> certificate() {
        return tls == null ? Optional.empty() : Optional.of(tls.certificateFile());
    }

    /** {@code http://127.0.0.1:PORT}, or {@code https://} when it serves TLS. */
    public String endpoint() {
        return (tls == null ? "http://" : "https://") + server.getAddress().getAddress().getHostAddress() + ":" + port();
    }

    /** The web console's address: rooms, users, tasks, requests and callbacks, live. */
    public String consoleUrl() {
        return endpoint() + "/";
    }

    int requestsPerSecond() {
        return requestsPerSecond;
    }

    boolean sendsCallbacks() {
        return callbacks != null;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The keys this emulator accepts. */
    public List<AcceptedKey> acceptedKeys() {
        return new ArrayList<>(keys.values());
    }

    public Fixtures fixtures() {
        return fixtures;
    }

    /**
     * A room of application {@code bizId} (known to the emulator from then on), to make users join, leave, mute and
     * unmute it, as a test or the console does; a room exists while someone is in it.
     *
     * @throws IllegalArgumentException when the BizId is not positive or the room id is not 1 to 127 characters
     */
    public Room room(long bizId, String roomId) {
        if (bizId <= 0) {
            throw new IllegalArgumentException("bizId must be a positive 64-bit integer, got " + bizId);
        }
        if (roomId == null || roomId.isEmpty() || roomId.length() > 127) {
            throw new IllegalArgumentException("roomId must be 1 to 127 characters, got " + roomId);
        }
        lifecycle.knowApp(bizId);
        return new Room(bizId, roomId);
    }

    /** A room of the emulated service; see {@link #room}. */
    public final class Room {
        private final long bizId;
        private final String roomId;

        private Room(long bizId, String roomId) {
            this.bizId = bizId;
            this.roomId = roomId;
        }

        /** The user enters and speaks; while the room is recorded, a new file starts for them. */
        public Room join(String userId) {
            lifecycle.join(bizId, roomId, user(userId));
            return this;
        }

        public Room leave(String userId) {
            lifecycle.leave(bizId, roomId, user(userId));
            return this;
        }

        /** The user's microphone goes off. */
        public Room mute(String userId) {
            lifecycle.mute(bizId, roomId, user(userId));
            return this;
        }

        /** The microphone goes on again: a new segment (a new file) for the user, as the service starts one. */
        public Room unmute(String userId) {
            lifecycle.unmute(bizId, roomId, user(userId));
            return this;
        }

        public long bizId() {
            return bizId;
        }

        public String roomId() {
            return roomId;
        }

        /** Who is in the room now. */
        public Set<String> users() {
            return lifecycle.users(bizId, roomId);
        }

        private String user(String userId) {
            if (userId == null || userId.isEmpty() || userId.equals("0")) {
                throw new IllegalArgumentException("userId must be a non-empty id other than \"0\" (the mixed "
                        + "stream's), got " + userId);
            }
            return userId;
        }

        @Override
        public String toString() {
            return "Room[" + bizId + "/" + roomId + ", users " + users() + "]";
        }
    }

    public RequestLog requestLog() {
        return log;
    }

    /** Every callback delivery attempted so far (the last 10,000), oldest first; empty without a target. */
    public List<CallbackDelivery> callbackDeliveries() {
        return callbacks == null ? List.of() : callbacks.deliveries();
    }

    /**
     * Applies the emulator's clock now and sends every callback due, in this thread, before returning: for tests
     * that move a simulated clock and want the events of that time delivered (deliveries are otherwise sent by a
     * thread of their own). A delay or retry interval of the target is still waited for in real time.
     */
    public void deliverCallbacks() {
        if (callbacks != null) {
            lifecycle.tick();
            callbacks.flush();
        }
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
            callbacks.close();
        }
        server.stop(0);
        executor.close();
        log.close();
        if (tls != null) {
            tls.delete();
        }
    }

    /** Requests accepted in the last second, per rate window with any (for the console). */
    Map<String, Integer> recentRequestsPerWindow() {
        synchronized (acceptedByApp) {
            long nowMillis = clock.millis();
            Map<String, Integer> recent = new TreeMap<>();
            acceptedByApp.forEach((key, window) -> {
                int count = (int) window.stream().filter(at -> nowMillis - at < 1000).count();
                if (count > 0) {
                    recent.put(key, count);
                }
            });
            return recent;
        }
    }

    /** Rate windows held now, one per account or BizId that sent a request in the last second or so (for tests). */
    int rateWindows() {
        synchronized (acceptedByApp) {
            return acceptedByApp.size();
        }
    }

    private void handle(HttpExchange exchange) {
        if ("GET".equals(exchange.getRequestMethod()) && "/".equals(exchange.getRequestURI().getPath())) {
            serve(exchange, Console::page);
        } else if ("AssumeRoleWithWebIdentity".equals(exchange.getRequestHeaders().getFirst("X-TC-Action"))) {
            serve(exchange, dispatched(roles::assumeRole));
        } else {
            serve(exchange, dispatched(gme -> answer(gme, respond(gme))));
        }
    }

    /** The test's dispatcher first; the emulator's own answer when it gives none. */
    private Answering dispatched(Answering own) {
        return exchange -> {
            Optional<Dispatcher.Answer> given = dispatcher.dispatch(new Dispatcher.Request(
                    exchange.getRequestMethod(), exchange.getRequestURI().getPath(), exchange.getRequestHeaders()));
            if (given.isEmpty()) {
                own.answer(exchange);
                return;
            }
            Dispatcher.Answer answer = given.get();
            try (InputStream in = exchange.getRequestBody()) {
                in.readNBytes(MAX_BODY_BYTES);
            }
            try {
                Thread.sleep(answer.delay().toMillis());
            } catch (InterruptedException pastTheDeadline) {
                throw new IOException("the dispatcher's delay outlived the exchange deadline");
            }
            if (answer.drops()) {
                return; // closed by serve() before any answer was sent: the client sees the connection end
            }
            byte[] body = answer.body();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        };
    }

    /** One kind of answer to an exchange. */
    private interface Answering {
        void answer(HttpExchange exchange) throws IOException;
    }

    /** Every exchange gets an answer: a failure inside is an InternalError with a RequestId, and is logged. */
    private void serve(HttpExchange exchange, Answering answering) {
        try {
            answering.answer(exchange);
        } catch (IOException e) {
            // the client went away or stalled past the deadline: nobody is left to answer
            LOG.log(System.Logger.Level.DEBUG, "exchange ended early: {0}", e.getClass().getSimpleName());
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.WARNING, "answering InternalError after an emulator failure", e);
            try {
                answer(exchange, error(new Rejection("InternalError", "The emulator failed to handle the request.")));
            } catch (IOException gone) {
                LOG.log(System.Logger.Level.DEBUG, "the InternalError answer could not be sent");
            }
        } finally {
            exchange.close();
        }
    }

    /** {@code {"Response": response}}: every action's envelope has this one field. */
    private static void answer(HttpExchange exchange, Object response) throws IOException {
        byte[] answer = JSON.writeValueAsBytes(Map.of("Response", response));
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    /**
     * The answer to one request. Method, path, declared length and the Authorization header are checked before any
     * byte of the body is read; a body declared larger than the cap is refused unread.
     */
    private Object respond(HttpExchange exchange) throws IOException {
        long startedNanos = System.nanoTime();
        String action = exchange.getRequestHeaders().getFirst("X-TC-Action");
        Instant now = clock.instant();
        long bizId = -1;
        String secretId = null;
        Object response;
        try {
            if (!"POST".equals(exchange.getRequestMethod()) || !"/".equals(exchange.getRequestURI().getPath())) {
                throw new Rejection("UnsupportedProtocol", "Only POST / is served by this emulator.");
            }
            long declared = declaredLength(exchange);
            if (declared > MAX_BODY_BYTES) {
                throw new Rejection("RequestSizeLimitExceeded", "The request body exceeds 10 MB.");
            }
            SignatureCheck.Scope scope = signatures.verifyHeaders(exchange.getRequestHeaders(), now);
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY_BYTES + 1);
            }
            if (body.length > MAX_BODY_BYTES) {
                throw new Rejection("RequestSizeLimitExceeded", "The request body exceeds 10 MB.");
            }
            signatures.verifyBody(scope, exchange.getRequestMethod(), exchange.getRequestHeaders(), body);
            secretId = scope.key.secretId();
            if (action == null || !ACTIONS.containsKey(action)) {
                throw new Rejection("InvalidAction", "The action " + action + " is not served here.");
            }
            String version = exchange.getRequestHeaders().getFirst("X-TC-Version");
            if (!VERSION.equals(version)) {
                throw new Rejection("NoSuchVersion", "The API version " + version + " does not exist.");
            }
            JsonNode request = parseBody(body, ACTIONS.get(action));
            bizId = id(request, "BizId");
            if (ACTIONS.get(action).contains("TaskId")) {
                id(request, "TaskId"); // a bad TaskId is named before an unknown BizId, as the service does
            }
            if (!fixtures.knowsApp(bizId) && !lifecycle.knowsApp(bizId)) {
                throw new Rejection("InvalidParameterValue.InvalidBizId", "The BizId " + bizId + " is invalid.");
            }
            // the service counts an account's quota whatever key signs: every temporary key of the role is one account
            String account = roles.issuedHere(secretId) ? RoleService.ACCOUNT : secretId;
            now = admit((rateLimitScope == RateLimitScope.ACCOUNT ? "account " + account : "app " + bizId) + " "
                    + action);
            response = perform(action, request, bizId, now);
            log.add(now.toEpochMilli(), secretId, bizId, null, action, elapsedMillis(startedNanos));
        } catch (Rejection e) {
            response = error(e);
            log.add(e.arrivedMillis() >= 0 ? e.arrivedMillis() : now.toEpochMilli(), secretId, bizId, e.code(), action,
                    elapsedMillis(startedNanos));
        }
        return response;
    }

    private static long elapsedMillis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    /** One accepted request of {@code action}: its success fields with a fresh RequestId, or its error. */
    private Object perform(String action, JsonNode request, long bizId, Instant now) throws Rejection {
        String requestId = UUID.randomUUID().toString();
        switch (action) {
            case "StartRecord":
                long started = lifecycle.start(bizId, roomId(request), recordMode(request), list(request,
                        "SubscribeUserIds"), list(request, "UnSubscribeUserIds"));
                return new StartRecordResponse().taskId(started).requestId(requestId);
            case "StopRecord":
                lifecycle.stop(bizId, id(request, "TaskId"));
                return new StopRecordResponse().requestId(requestId);
            case "ModifyRecordInfo":
                lifecycle.modify(bizId, id(request, "TaskId"), recordMode(request), list(request, "SubscribeUserIds"),
                        list(request, "UnSubscribeUserIds"));
                return new ModifyRecordInfoResponse().requestId(requestId);
            case "DescribeTaskInfo":
                return lifecycle.taskOf(bizId, roomId(request)).requestId(requestId);
            default:
                long taskId = id(request, "TaskId");
                DescribeRecordInfoResponse recorded = lifecycle.describe(bizId, taskId);
                if (recorded != null) {
                    return recorded.requestId(requestId);
                }
                Fixtures.FixtureTask task = fixtures.task(bizId, taskId);
                if (task == null) {
                    throw new Rejection("ResourceNotFound.TaskNotFound", "The task ID " + taskId + " does not exist.");
                }
                return success(task, now);
        }
    }

    private static String roomId(JsonNode request) throws Rejection {
        JsonNode value = request.get("RoomId");
        if (value == null || value.isNull()) {
            throw new Rejection("MissingParameter", "The request is missing the required parameter `RoomId`.");
        }
        if (!value.isTextual() || value.asText().isEmpty() || value.asText().length() > 127) {
            throw new Rejection("InvalidParameterValue.InvalidRoomId", "The RoomId must be a string of 1 to 127 "
                    + "characters.");
        }
        return value.asText();
    }

    private static long recordMode(JsonNode request) throws Rejection {
        JsonNode value = request.get("RecordMode");
        if (value == null || value.isNull()) {
            throw new Rejection("MissingParameter", "The request is missing the required parameter `RecordMode`.");
        }
        if (!value.isIntegralNumber() || value.asLong() < 1 || value.asLong() > 3) {
            throw new Rejection("InvalidParameterValue.InvalidRecordMode", "The RecordMode must be 1, 2 or 3.");
        }
        return value.asLong();
    }

    /** One of the subscription's lists, or null when not given; both given, or over 20 ids, is refused. */
    private static List<String> list(JsonNode request, String name) throws Rejection {
        JsonNode lists = request.get("SubscribeRecordUserIds");
        if (lists == null || lists.isNull()) {
            return null;
        }
        if (!lists.isObject()) {
            throw new Rejection("InvalidParameterValue.InvalidSubscribeRecordUserIds", "SubscribeRecordUserIds must be "
                    + "an object.");
        }
        boolean both = lists.path("SubscribeUserIds").size() > 0 && lists.path("UnSubscribeUserIds").size() > 0;
        if (both) {
            throw new Rejection("InvalidParameterValue.InvalidSubscribeRecordUserIds", "Give SubscribeUserIds or "
                    + "UnSubscribeUserIds, not both.");
        }
        JsonNode ids = lists.get(name);
        if (ids == null || ids.isNull() || ids.size() == 0) {
            return null;
        }
        String code = name.equals("SubscribeUserIds") ? "InvalidParameterValue.InvalidSubscribeUserIds"
                : "InvalidParameterValue.InvalidUNSubscribeUserIds";
        if (!ids.isArray() || ids.size() > 20) {
            throw new Rejection(code, name + " must be an array of at most 20 user ids.");
        }
        List<String> users = new ArrayList<>();
        for (JsonNode id : ids) {
            if (!id.isTextual() || id.asText().isEmpty()) {
                throw new Rejection(code, name + " must hold non-empty user ids.");
            }
            users.add(id.asText());
        }
        return users;
    }

    /** The declared Content-Length, or -1 for a chunked or unstated body (read up to the cap). */
    private static long declaredLength(HttpExchange exchange) throws Rejection {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared == null) {
            return -1;
        }
        try {
            return Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            throw new Rejection("InvalidParameter", "Content-Length is not a number.");
        }
    }

    static JsonNode parseBody(byte[] body) throws Rejection {
        return parseBody(body, ACTIONS.get(ACTION));
    }

    /** The body as a JSON object holding only {@code known} fields. */
    static JsonNode parseBody(byte[] body, Set<String> known) throws Rejection {
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (IOException e) {
            throw new Rejection("InvalidParameter", "The request body is not valid JSON.");
        }
        if (request == null || !request.isObject()) {
            throw new Rejection("InvalidParameter", "The request body must be a JSON object.");
        }
        for (Iterator<String> names = request.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new Rejection("UnknownParameter", "The parameter `" + name + "` is not defined.");
            }
        }
        return request;
    }

    static long id(JsonNode request, String name) throws Rejection {
        JsonNode value = request.get(name);
        if (value == null || value.isNull()) {
            throw new Rejection("MissingParameter", "The request is missing the required parameter `" + name + "`.");
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() <= 0) {
            throw new Rejection("InvalidParameter", "The parameter `" + name + "` must be a positive 64-bit integer.");
        }
        return value.asLong();
    }

    /**
     * A sliding one-second window of accepted requests per account (SecretId) or per BizId, as the builder chose. The
     * arrival time is read under the lock, so the window's times are in order however the handler threads
     * interleave; it is the time logged for the request.
     */
    private Instant admit(String windowKey) throws Rejection {
        synchronized (acceptedByApp) {
            Instant now = clock.instant();
            long nowMillis = now.toEpochMilli();
            ArrayDeque<Long> window = acceptedByApp.computeIfAbsent(windowKey, key -> new ArrayDeque<>());
            while (!window.isEmpty() && nowMillis - window.peekFirst() >= 1000) {
                window.pollFirst();
            }
            if (window.size() >= requestsPerSecond) {
                throw new Rejection("RequestLimitExceeded", "Requests exceed " + requestsPerSecond
                        + " per second for this " + (rateLimitScope == RateLimitScope.ACCOUNT ? "account." : "BizId."),
                        nowMillis);
            }
            window.addLast(nowMillis);
            if (nowMillis - lastSweepMillis >= 1000) {
                // once a second, the windows of apps that went quiet: the map must not grow with every BizId seen
                lastSweepMillis = nowMillis;
                acceptedByApp.values().removeIf(other -> other.isEmpty() || nowMillis - other.peekLast() >= 1000);
            }
            return now;
        }
    }

    /** The fixture's answer through the generated model, with a fresh RequestId and the simulated status. */
    private DescribeRecordInfoResponse success(Fixtures.FixtureTask task, Instant now) {
        // a simulated task starts recording when it is first described, so a watcher sees the whole pipeline
        Instant start = firstDescribed.computeIfAbsent(task, first -> now);
        long simulated = task.simulatedStatus(Duration.between(start, now), simulationStep);
        DescribeRecordInfoResponse response = task.answer().requestId(UUID.randomUUID().toString());
        if (simulated >= 0 && response.getRecordInfo() != null) {
            for (RecordInfo info : response.getRecordInfo()) {
                info.setRecordStatus(simulated);
            }
        }
        return response;
    }

    private static DescribeRecordInfoResponse error(Rejection e) {
        return new DescribeRecordInfoResponse()
                .error(new ApiError().code(e.code()).message(e.getMessage()))
                .requestId(UUID.randomUUID().toString());
    }

    /** Configures a {@link GmeEmulator}. Defaults: free port, demo fixtures, demo key, system clock, 20 req/s. */
    public static final class Builder {
        private Supplier<TlsIdentity> tls;
        private int port;
        private Fixtures fixtures = Fixtures.demo();
        private final Map<String, AcceptedKey> keys = new LinkedHashMap<>();
        private Clock clock = Clock.systemUTC();
        private Duration simulationStep;
        private int requestsPerSecond = REQUESTS_PER_SECOND;
        private Duration exchangeDeadline = DEFAULT_EXCHANGE_DEADLINE;
        private Duration temporaryCredentialLifetime = Duration.ofHours(2);
        private int requestLogCapacity = RequestLog.DEFAULT_CAPACITY;
        private Path requestLogFile;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private Dispatcher dispatcher = request -> Optional.empty();
        private RateLimitScope rateLimitScope = RateLimitScope.ACCOUNT;
        private long maxTaskId = Long.MAX_VALUE;
        private CallbackTarget callbacks;

        private Builder() {
        }

        /** 0 (the default) picks a free port. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        public Builder fixtures(Fixtures fixtures) {
            this.fixtures = Objects.requireNonNull(fixtures, "fixtures must not be null");
            return this;
        }

        /** A key to accept; with none given, {@link AcceptedKey#DEMO} is accepted. */
        public Builder accept(AcceptedKey key) {
            Objects.requireNonNull(key, "key must not be null");
            keys.put(key.secretId(), key);
            return this;
        }

        /** The server's clock: signature skew, simulated progress, rate-limit windows. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock must not be null");
            return this;
        }

        /** Overrides every simulated task's StepMillis (the demo uses this to go through the pipeline quickly). */
        public Builder simulationStep(Duration step) {
            if (step != null && (step.isZero() || step.isNegative())) {
                throw new IllegalArgumentException("simulationStep must be positive, got " + step);
            }
            this.simulationStep = step;
            return this;
        }

        public Builder requestsPerSecond(int limit) {
            if (limit < 1) {
                throw new IllegalArgumentException("requestsPerSecond must be positive, got " + limit);
            }
            this.requestsPerSecond = limit;
            return this;
        }

        /**
         * How long one request may take to arrive, from its first byte to the last byte of its body (default 10 s);
         * a client that stalls longer has its connection closed. Other clients are never delayed by it.
         */
        public Builder exchangeDeadline(Duration deadline) {
            Objects.requireNonNull(deadline, "exchangeDeadline must not be null");
            if (deadline.isZero() || deadline.isNegative() || deadline.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("exchangeDeadline must be more than 0 and at most an hour, got "
                        + deadline);
            }
            this.exchangeDeadline = deadline;
            return this;
        }

        /**
         * How long the temporary keys of the role stand-ins (CVM metadata, STS) stay valid, on the emulator's clock
         * (default 2 hours, the STS default).
         */
        public Builder temporaryCredentialLifetime(Duration lifetime) {
            Objects.requireNonNull(lifetime, "temporaryCredentialLifetime must not be null");
            if (lifetime.isZero() || lifetime.isNegative()) {
                throw new IllegalArgumentException("temporaryCredentialLifetime must be positive, got " + lifetime);
            }
            this.temporaryCredentialLifetime = lifetime;
            return this;
        }

        /** What the requests per second are counted per: the account (SecretId, the default) or the BizId. */
        public Builder rateLimitScope(RateLimitScope scope) {
            this.rateLimitScope = Objects.requireNonNull(scope, "rateLimitScope must not be null");
            return this;
        }

        /**
         * Serve https with a self-signed certificate for 127.0.0.1 and localhost, made at start (a second or so);
         * {@link GmeEmulator#certificate()} is the file to trust.
         */
        public Builder tls() {
            this.tls = TlsIdentity::selfSigned;
            return this;
        }

        /** Serve https with the first key of this PKCS12 keystore. */
        public Builder tls(Path keystore, String password) {
            Objects.requireNonNull(keystore, "keystore must not be null");
            Objects.requireNonNull(password, "password must not be null");
            this.tls = () -> TlsIdentity.fromKeystore(keystore, password.toCharArray());
            return this;
        }

        /** The most requests the request log keeps in memory, oldest dropped first (default 10,000). */
        public Builder requestLogCapacity(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("requestLogCapacity must be positive, got " + capacity);
            }
            this.requestLogCapacity = capacity;
            return this;
        }

        /**
         * Also write every request to this file as it is answered, one tab-separated line each (see
         * {@link RequestLog}); the file is made (or emptied) at start, and a path that cannot be written fails the
         * start.
         */
        public Builder requestLogFile(Path file) {
            this.requestLogFile = Objects.requireNonNull(file, "requestLogFile must not be null");
            return this;
        }

        /**
         * The most connections served at once (default {@value #DEFAULT_MAX_CONNECTIONS}); further ones wait their
         * turn in the operating system's accept queue, and a stalled one is closed at its exchange deadline.
         */
        public Builder maxConnections(int connections) {
            if (connections < 1 || connections > 10_000) {
                throw new IllegalArgumentException("maxConnections must be between 1 and 10000, got " + connections);
            }
            this.maxConnections = connections;
            return this;
        }

        /**
         * Asks {@code dispatcher} first about every request (the role stand-ins' too): its answer, delay or dropped
         * connection replaces the emulator's, for a test of how a client meets faults; when it gives none the emulator
         * answers as always. Such answers are not in the request log.
         */
        public Builder dispatcher(Dispatcher dispatcher) {
            this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher must not be null");
            return this;
        }

        /**
         * The largest TaskId StartRecord hands out (default: the largest 64-bit value, as the service's ids are large
         * enough to need all of them). {@link #JAVASCRIPT_SAFE_TASK_IDS} suits a client that reads JSON numbers as
         * doubles, as the official Node SDK reads its answers: a larger id comes back to it rounded.
         */
        public Builder maxTaskId(long maxTaskId) {
            if (maxTaskId < 1) {
                throw new IllegalArgumentException("maxTaskId must be positive, got " + maxTaskId);
            }
            this.maxTaskId = maxTaskId;
            return this;
        }

        /**
         * Sends a signed callback for every event of the lifecycle (a file's recording started, finished, uploaded)
         * to the target, with its faults; {@link GmeEmulator#callbackDeliveries()} tells what was sent and answered.
         * None by default.
         */
        public Builder callbacks(CallbackTarget target) {
            this.callbacks = Objects.requireNonNull(target, "target must not be null");
            return this;
        }

        /** Starts the emulator; it serves until {@link GmeEmulator#close()}. */
        public GmeEmulator build() {
            if (keys.isEmpty()) {
                keys.put(AcceptedKey.DEMO.secretId(), AcceptedKey.DEMO);
            }
            try {
                return new GmeEmulator(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the emulator on port " + port, e);
            }
        }
    }
}
