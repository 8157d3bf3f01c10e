package io.gmerecording.emulator.junit;

import io.gmerecording.emulator.GmeEmulator;
import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts a {@link GmeEmulator} on a free loopback port before a test class and stops it after. Test methods,
 * constructors and lifecycle methods may take a {@code GmeEmulator} parameter; its {@code endpoint()} and
 * {@code acceptedKeys()} are what the code under test should use.
 *
 * <pre>{@code
 * @ExtendWith(GmeEmulatorExtension.class)                     // demo fixtures and demo key
 * class MyTest { @Test void t(GmeEmulator gme) { ... } }
 *
 * @RegisterExtension                                          // or configured
 * static GmeEmulatorExtension gme = GmeEmulatorExtension.configured(b -> b.fixtures(Fixtures.load(path)));
 * }</pre>
 */
public final class GmeEmulatorExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private final Consumer<GmeEmulator.Builder> configuration;
    private GmeEmulator emulator;

    /** With the demo fixtures and demo key (what {@code @ExtendWith} uses). */
    public GmeEmulatorExtension() {
        this(builder -> { });
    }

    private GmeEmulatorExtension(Consumer<GmeEmulator.Builder> configuration) {
        this.configuration = configuration;
    }

    public static GmeEmulatorExtension configured(Consumer<GmeEmulator.Builder> configuration) {
        return new GmeEmulatorExtension(Objects.requireNonNull(configuration, "configuration must not be null"));
    }

    /** The running emulator; only between beforeAll and afterAll. */
    public GmeEmulator emulator() {
        if (emulator == null) {
            throw new IllegalStateException("the emulator runs only while the test class runs");
        }
        return emulator;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        GmeEmulator.Builder builder = GmeEmulator.builder();
        configuration.accept(builder);
        emulator = builder.build();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (emulator != null) {
            emulator.close();
            emulator = null;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == GmeEmulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return emulator();
    }
}
