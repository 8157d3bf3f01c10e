package io.gmerecording.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.gmerecording.core.RecordMode;
import io.gmerecording.core.RoomRef;
import io.gmerecording.core.Subscription;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.error.RecordingQueryException;
import io.gmerecording.spec.SpecSchemas;
import io.gmerecording.spec.json.SpecJson;
import io.gmerecording.spec.model.DescribeRecordInfoResponseJson;
import io.gmerecording.spec.model.DescribeTaskInfoResponseJson;
import io.gmerecording.spec.model.ModifyRecordInfoResponseJson;
import io.gmerecording.spec.model.StartRecordResponseJson;
import io.gmerecording.spec.model.StopRecordResponseJson;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every property of every action's request and answer, as the spec declares it, reaches {@link SpecMapping}: a
 * request property is set by the mapping from the domain's values, and changing an answer property changes what the
 * application sees (or the mapping refuses the answer, so it read it). Derived from the spec and the generated
 * models, so a property added to the spec needs no row here: it fails until the mapping carries it. A new operation
 * needs its two entries below (docs/api-changes.md).
 */
class SpecCoverageTest {

    private static final String MODELS = "io.gmerecording.spec.model.";
    private static final TaskRef TASK = TaskRef.of(3400352518L, 446192236330927912L);
    private static final RoomRef ROOM = RoomRef.of(3400352518L, "7743");

    /** Each action's request models as the mapping makes them from domain values, one per shape the request has. */
    static final Map<String, Supplier<List<Object>>> REQUESTS = Map.of(
            "DescribeRecordInfo", () -> List.of(SpecMapping.describeRecordInfo(TASK)),
            "StartRecord", () -> List.of(
                    SpecMapping.startRecord(ROOM, RecordMode.SINGLE_STREAM, Subscription.only(List.of("u1"))),
                    SpecMapping.startRecord(ROOM, RecordMode.MIXED_STREAM, Subscription.allBut(List.of("u2")))),
            "StopRecord", () -> List.of(SpecMapping.stopRecord(TASK)),
            "ModifyRecordInfo", () -> List.of(
                    SpecMapping.modifyRecordInfo(TASK, RecordMode.SINGLE_STREAM, Subscription.only(List.of("u1"))),
                    SpecMapping.modifyRecordInfo(TASK, RecordMode.MIXED_STREAM, Subscription.allBut(List.of("u2")))),
            "DescribeTaskInfo", () -> List.of(SpecMapping.describeTaskInfo(ROOM)));

    /** Each action's answer: a valid one, every nested object present once, and what the mapping makes of it. */
    static final Map<String, Answer<?>> ANSWERS = Map.of(
            "DescribeRecordInfo", new Answer<>("{\"RoomId\":\"7743\",\"RecordMode\":1,\"RecordInfo\":[{\"UserId\":"
                    + "\"6787\",\"FileName\":\"/f\",\"RecordBeginTime\":1234567868,\"RecordStatus\":2}],"
                    + "\"RequestId\":\"r\"}", DescribeRecordInfoResponseJson::read,
                    answer -> SpecMapping.recordingTask(TASK, answer)),
            "StartRecord", new Answer<>("{\"TaskId\":9,\"RequestId\":\"r\"}", StartRecordResponseJson::read,
                    answer -> SpecMapping.started(ROOM, answer)),
            "StopRecord", new Answer<>("{\"RequestId\":\"r\"}", StopRecordResponseJson::read,
                    answer -> SpecMapping.requestId(answer.getRequestId())),
            "ModifyRecordInfo", new Answer<>("{\"RequestId\":\"r\"}", ModifyRecordInfoResponseJson::read,
                    answer -> SpecMapping.requestId(answer.getRequestId())),
            "DescribeTaskInfo", new Answer<>("{\"TaskId\":9,\"RecordMode\":1,\"SubscribeRecordUserIds\":"
                    + "{\"SubscribeUserIds\":[\"u1\"]},\"RequestId\":\"r\"}", DescribeTaskInfoResponseJson::read,
                    answer -> SpecMapping.roomTask(ROOM, answer)));

    /** Read by each adapter's error path before the mapping runs, and checked by the contract suite there. */
    private static boolean errorPath(String property) {
        return property.endsWith("Response.Error") || property.startsWith("ApiError.")
                || property.endsWith("Envelope.Response");
    }

    @Test
    void everyActionOfTheSpecHasItsRequestAndAnswerHere() {
        List<String> actions = SpecSchemas.load().actions();

        assertThat(REQUESTS.keySet()).as("actions with requests in SpecCoverageTest.REQUESTS")
                .containsExactlyInAnyOrderElementsOf(actions);
        assertThat(ANSWERS.keySet()).as("actions with answers in SpecCoverageTest.ANSWERS")
                .containsExactlyInAnyOrderElementsOf(actions);
    }

    @Test
    void everyRequestPropertyIsSetByTheMapping() throws ReflectiveOperationException {
        List<String> unset = new ArrayList<>();
        for (String action : SpecSchemas.load().actions()) {
            if (!REQUESTS.containsKey(action)) {
                unset.add(action + "Request (the action has no entry in SpecCoverageTest.REQUESTS)");
                continue;
            }
            Class<?> request = Class.forName(MODELS + action + "Request");
            Set<String> set = new TreeSet<>();
            for (Object made : REQUESTS.get(action).get()) {
                collectSet(made, set);
            }
            for (String property : leafProperties(request)) {
                if (!set.contains(property)) {
                    unset.add(property + " (no domain value of " + action + " sets it: carry it in SpecMapping."
                            + Character.toLowerCase(action.charAt(0)) + action.substring(1) + ")");
                }
            }
        }
        assertThat(unset).as("request properties SpecMapping never sets").isEmpty();
    }

    @Test
    void everyAnswerPropertyChangesWhatTheApplicationSees() throws Exception {
        List<String> ignored = new ArrayList<>();
        for (String action : SpecSchemas.load().actions()) {
            Answer<?> answer = ANSWERS.get(action);
            if (answer == null) {
                ignored.add(action + "Response (the action has no entry in SpecCoverageTest.ANSWERS)");
                continue;
            }
            String seen = observed(answer.mapped(answer.baseline()));
            for (Map.Entry<String, List<String>> leaf
                    : leafPaths(Class.forName(MODELS + action + "Response"), List.of()).entrySet()) {
                String property = leaf.getKey();
                if (errorPath(property)) {
                    continue;
                }
                Object changed = answer.baseline();
                change(changed, leaf.getValue().toArray(new String[0]));
                String after;
                try {
                    after = observed(answer.mapped(changed));
                } catch (RecordingQueryException refused) {
                    continue; // the mapping read it: the changed value is not an answer it takes
                }
                if (after.equals(seen)) {
                    ignored.add(property + " (changing it changes nothing the application sees: carry it to the "
                            + "domain type in SpecMapping)");
                }
            }
        }
        assertThat(ignored).as("answer properties SpecMapping does not carry to the domain").isEmpty();
    }

    @Test
    void everyPropertyOfTheSpecIsCheckedHereOrByTheErrorPath() throws ClassNotFoundException {
        Set<String> checked = new TreeSet<>();
        for (String action : SpecSchemas.load().actions()) {
            checked.addAll(allProperties(Class.forName(MODELS + action + "Request")));
            checked.addAll(allProperties(Class.forName(MODELS + action + "Response")));
        }
        Set<String> unchecked = new TreeSet<>(SpecSchemas.load().actionProperties());
        unchecked.removeAll(checked);
        unchecked.removeIf(SpecCoverageTest::errorPath);

        assertThat(unchecked).as("spec properties neither a request nor an answer walk reaches").isEmpty();
    }

    @Test
    void theChangesMadeToMappedPropertiesAreSeen() throws Exception {
        Answer<?> describe = ANSWERS.get("DescribeRecordInfo");
        Object withOtherRequestId = describe.baseline();
        change(withOtherRequestId, new String[] {"RequestId"});
        Object withOtherFile = describe.baseline();
        change(withOtherFile, new String[] {"RecordInfo", "FileName"});
        String seen = observed(describe.mapped(describe.baseline()));

        assertThat(observed(describe.mapped(withOtherRequestId))).isNotEqualTo(seen).contains("r-changed");
        assertThat(observed(describe.mapped(withOtherFile))).isNotEqualTo(seen).contains("/f-changed");
        assertThat(leafProperties(Class.forName(MODELS + "DescribeRecordInfoResponse")))
                .contains("DescribeRecordInfoResponse.RoomId", "RecordInfo.FileName");
    }

    /** A valid answer of one action, read fresh on each call so a test can change it. */
    static final class Answer<M> {
        private final String json;
        private final SpecJson.ValueReader<M> reader;
        private final Function<M, Object> mapping;

        Answer(String json, SpecJson.ValueReader<M> reader, Function<M, Object> mapping) {
            this.json = json;
            this.reader = reader;
            this.mapping = mapping;
        }

        Object baseline() throws java.io.IOException {
            return SpecJson.read(json.getBytes(StandardCharsets.UTF_8), reader);
        }

        @SuppressWarnings("unchecked")
        Object mapped(Object answer) {
            return mapping.apply((M) answer);
        }
    }

    /** {@code Schema.Property} of every scalar or scalar-list property reachable from a model. */
    private static Set<String> leafProperties(Class<?> model) {
        return leafPaths(model, List.of()).keySet();
    }

    /** Every scalar or scalar-list property reachable from a model, as {@code Schema.Property}, to its path there. */
    private static Map<String, List<String>> leafPaths(Class<?> model, List<String> prefix) {
        Map<String, List<String>> leaves = new LinkedHashMap<>();
        for (Method getter : getters(model)) {
            List<String> path = new ArrayList<>(prefix);
            path.add(name(getter));
            Class<?> nested = nestedModel(getter);
            if (nested == null) {
                leaves.put(model.getSimpleName() + "." + name(getter), path);
            } else {
                leaves.putAll(leafPaths(nested, path));
            }
        }
        return leaves;
    }

    private static Set<String> allProperties(Class<?> model) {
        Set<String> all = new LinkedHashSet<>();
        for (Method getter : getters(model)) {
            all.add(model.getSimpleName() + "." + name(getter));
            Class<?> nested = nestedModel(getter);
            if (nested != null) {
                all.addAll(allProperties(nested));
            }
        }
        return all;
    }

    private static void collectSet(Object model, Set<String> set) throws ReflectiveOperationException {
        for (Method getter : getters(model.getClass())) {
            Object value = getter.invoke(model);
            if (value == null) {
                continue;
            }
            if (nestedModel(getter) == null) {
                set.add(model.getClass().getSimpleName() + "." + name(getter));
            } else if (value instanceof List) {
                for (Object item : (List<?>) value) {
                    collectSet(item, set);
                }
            } else {
                collectSet(value, set);
            }
        }
    }

    /** Changes the value at a property path: text gets a suffix, a number grows by one, a list one more id. */
    private static void change(Object model, String[] path) throws ReflectiveOperationException {
        Method getter = getter(model.getClass(), path[0]);
        Method setter = model.getClass().getMethod("set" + getter.getName().substring(3), getter.getReturnType());
        Object value = getter.invoke(model);
        if (path.length > 1) {
            Object nested = value instanceof List ? ((List<?>) value).get(0) : value;
            assertThat(nested).as("the baseline answer of SpecCoverageTest.ANSWERS has no %s; give it one",
                    path[0]).isNotNull();
            change(nested, Arrays.copyOfRange(path, 1, path.length));
        } else if (getter.getReturnType() == String.class) {
            setter.invoke(model, value == null ? "changed" : value + "-changed");
        } else if (getter.getReturnType() == Long.class) {
            setter.invoke(model, value == null ? 7L : (Long) value + 1);
        } else if (getter.getReturnType() == List.class) {
            List<Object> more = value == null ? new ArrayList<>() : new ArrayList<>((List<?>) value);
            more.add("changed");
            setter.invoke(model, more);
        } else {
            throw new AssertionError(path[0] + " has a type SpecCoverageTest cannot change: " + getter.getReturnType());
        }
    }

    /** What the application can see of a domain value: every public accessor, through lists, optionals and nesting. */
    private static String observed(Object value) throws ReflectiveOperationException {
        if (value == null || !value.getClass().getName().startsWith("io.gmerecording.core.")
                || value.getClass().isEnum()) {
            if (value instanceof List) {
                List<String> items = new ArrayList<>();
                for (Object item : (List<?>) value) {
                    items.add(observed(item));
                }
                return items.toString();
            }
            if (value instanceof Optional) {
                return ((Optional<?>) value).isPresent() ? observed(((Optional<?>) value).get()) : "empty";
            }
            return String.valueOf(value);
        }
        StringBuilder seen = new StringBuilder(value.getClass().getSimpleName()).append('{');
        List<Method> accessors = Arrays.stream(value.getClass().getMethods())
                .filter(method -> method.getParameterCount() == 0 && !Modifier.isStatic(method.getModifiers()))
                .filter(method -> method.getDeclaringClass() == value.getClass())
                .filter(method -> !List.of("hashCode", "toString").contains(method.getName()))
                .sorted(Comparator.comparing(Method::getName))
                .collect(Collectors.toList());
        for (Method accessor : accessors) {
            seen.append(accessor.getName()).append('=').append(observed(accessor.invoke(value))).append(' ');
        }
        return seen.append('}').toString();
    }

    private static List<Method> getters(Class<?> model) {
        return Arrays.stream(model.getMethods())
                .filter(method -> method.getAnnotation(JsonProperty.class) != null)
                .filter(method -> method.getName().startsWith("get") && method.getParameterCount() == 0)
                .sorted(Comparator.comparing(SpecCoverageTest::name))
                .collect(Collectors.toList());
    }

    private static Method getter(Class<?> model, String property) {
        return getters(model).stream().filter(method -> name(method).equals(property)).findFirst()
                .orElseThrow(() -> new AssertionError(model.getSimpleName() + " has no property " + property));
    }

    private static String name(Method getter) {
        return getter.getAnnotation(JsonProperty.class).value();
    }

    /** The generated model a property holds, directly or as list items; null for a scalar or scalar list. */
    private static Class<?> nestedModel(Method getter) {
        Class<?> type = getter.getReturnType();
        if (type == List.class) {
            type = (Class<?>) ((ParameterizedType) getter.getGenericReturnType()).getActualTypeArguments()[0];
        }
        return type.getName().startsWith(MODELS) ? type : null;
    }
}
