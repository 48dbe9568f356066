package dev.ward.test;

import dev.ward.AuthManager;
import dev.ward.AuthSettings;
import dev.ward.store.tck.MutableClock;
import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit extension (Jupiter API, JUnit 5 and 6) that gives tests a {@link WardTest}: parameters of type
 * {@link WardTest}, {@link AuthManager}, {@link MutableClock} and {@link TestTokens}, in test
 * and lifecycle methods and in constructors, are resolved to the parts of one {@code WardTest}
 * per test class (shared with its {@code @Nested} classes), whose stores are emptied and whose
 * clock is put back before each test.
 *
 * <pre>{@code
 * @ExtendWith(WardExtension.class)
 * class OrderServiceTest {
 *     @Test
 *     void adminsSeeEveryOrder(WardTest ward, AuthManager auth) {
 *         String token = ward.accessToken(TestUser.of("u1", "ann@example.com", "admin"));
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>With settings other than the defaults, register it in a static field instead:
 * <pre>{@code
 * @RegisterExtension
 * static WardExtension ward = WardExtension.withSettings(s -> s.strictSessions(true));
 * }</pre>
 *
 * <p>Since the manager and the clock stay the same objects for the whole class (only their
 * state is reset), a test class may keep them in fields set by its constructor.
 */
public final class WardExtension implements ParameterResolver, BeforeEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(WardExtension.class);

    private final Consumer<AuthSettings.Builder> settings;

    /** Creates the extension with Ward's default settings (bcrypt at its minimum cost), as {@code @ExtendWith} does. */
    public WardExtension() {
        this(builder -> { });
    }

    private WardExtension(Consumer<AuthSettings.Builder> settings) {
        this.settings = settings;
    }

    /**
     * Creates the extension with settings of the test's choosing, for {@code @RegisterExtension};
     * see {@link WardTest#create(Consumer)}.
     *
     * @param settings sets what the test needs on a fresh {@link AuthSettings#builder()}
     * @return the extension
     * @throws NullPointerException if {@code settings} is null
     */
    public static WardExtension withSettings(Consumer<AuthSettings.Builder> settings) {
        return new WardExtension(Objects.requireNonNull(settings, "settings"));
    }

    /**
     * Empties the stores and puts the clock back before each test.
     *
     * @param context the test's context
     */
    @Override
    public void beforeEach(ExtensionContext context) {
        wardTest(context).reset();
    }

    /**
     * Supports parameters of type {@link WardTest}, {@link AuthManager}, {@link MutableClock}
     * and {@link TestTokens}.
     *
     * @param parameterContext the parameter
     * @param extensionContext the context
     * @return whether this extension resolves the parameter
     */
    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == WardTest.class || type == AuthManager.class || type == MutableClock.class
                || type == TestTokens.class;
    }

    /**
     * Resolves a parameter to the test class's {@link WardTest} or one of its parts.
     *
     * @param parameterContext the parameter
     * @param extensionContext the context
     * @return the value
     */
    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        WardTest ward = wardTest(extensionContext);
        Class<?> type = parameterContext.getParameter().getType();
        if (type == AuthManager.class) {
            return ward.auth();
        }
        if (type == MutableClock.class) {
            return ward.clock();
        }
        if (type == TestTokens.class) {
            return ward.tokens();
        }
        return ward;
    }

    /**
     * Returns the {@code WardTest} of the outermost test class of the context, creating it the
     * first time; kept in that class's store, so it ends with the class.
     */
    private WardTest wardTest(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getParent().flatMap(ExtensionContext::getParent).isPresent()) {
            classContext = classContext.getParent().orElseThrow();
        }
        return classContext.getStore(NAMESPACE).computeIfAbsent(this, key -> WardTest.create(settings),
                WardTest.class);
    }

    @Override
    public String toString() {
        return "WardExtension";
    }
}
