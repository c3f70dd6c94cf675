package dev.gosetup.junit5;

import dev.gosetup.api.GoEnvironment;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.Platform;
import dev.gosetup.api.Toolchain;
import dev.gosetup.api.VersionSpec;
import dev.gosetup.api.spi.ProviderRegistry;
import dev.gosetup.api.spi.ToolchainInstaller;
import dev.gosetup.core.env.GoRunner;
import dev.gosetup.core.env.HermeticGo;
import dev.gosetup.core.install.GosetupHome;
import dev.gosetup.core.env.PrivateDirectories;
import dev.gosetup.core.internal.FileTrees;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * The JUnit Jupiter extension behind {@link GoTest}: a thin adapter that creates
 * {@link HermeticGo} environments and keeps them in the {@link ExtensionContext.Store} of the
 * class or method they belong to, so JUnit closes (deletes) them when that class or method ends.
 *
 * <p>Environments are created before the tests that use them ({@code beforeAll} for a class's
 * shared one, {@code beforeEach} for a method's), so a missing toolchain fails or aborts the test
 * with the installer's own exception. Then non-final fields of type {@link HermeticGo},
 * {@link GoEnvironment}, {@link Toolchain} and {@link GoRunner} are set (static ones only for a
 * class-scoped environment), and parameters of those types are resolved.
 *
 * <p>JUnit configuration parameters (e.g. in {@code junit-platform.properties}):
 * <ul>
 *   <li>{@value #INSTALLER_PARAMETER}: the id of the {@code ToolchainInstaller} to use; by default
 *       the best applicable one {@code ProviderRegistry.load(ToolchainInstaller.class)} finds (the
 *       {@code official} installer and the machine's store, unless a test-scope provider with a
 *       higher priority is registered).</li>
 *   <li>{@value #BUILD_CACHE_PARAMETER}: the build cache (GOCACHE) of every environment. By
 *       default one build cache is shared by every run, {@code <gosetup home>/cache/go-build} (the
 *       store of {@code GOSETUP_HOME} or the platform's data directory): Go's build cache is safe
 *       to share between processes and versions, and a kept cache makes a build seconds instead of
 *       a minute. A directory instead names another kept cache; {@value #TEMPORARY_BUILD_CACHE}
 *       opts out: one temporary cache for the run, deleted at its end. Module caches and GOPATH
 *       are always the environment's own.</li>
 * </ul>
 *
 * <p>Safe under JUnit's parallel execution: the store computes each environment once, whichever
 * tests ask for it at the same time.
 */
public final class GoExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {
    /** The configuration parameter naming the installer's provider id. */
    public static final String INSTALLER_PARAMETER = "gosetup.installer";
    /** The configuration parameter naming a persistent shared build cache. */
    public static final String BUILD_CACHE_PARAMETER = "gosetup.buildCache";
    /** The value of {@value #BUILD_CACHE_PARAMETER} that asks for a build cache deleted after the run. */
    public static final String TEMPORARY_BUILD_CACHE = "temporary";

    private static final System.Logger LOG = System.getLogger(GoExtension.class.getName());
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(GoExtension.class);
    private static final List<Class<?>> INJECTABLE = List.of(HermeticGo.class, GoEnvironment.class, Toolchain.class,
            GoRunner.class);

    /** Creates the extension; JUnit does, through {@link GoTest}. */
    public GoExtension() {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Optional<Owner> owner = classOwner(context);
        if (owner.isPresent() && owner.get().scope() == GoTest.Scope.CLASS) {
            HermeticGo go = environment(context);
            for (Field field : injectableFields(context.getRequiredTestClass(), true)) {
                set(field, null, go);
            }
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (owner(context).isEmpty()) {
            return;
        }
        HermeticGo go = environment(context);
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            for (Field field : injectableFields(instance.getClass(), false)) {
                set(field, instance, go);
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return INJECTABLE.contains(parameter.getParameter().getType()) && owner(context).isPresent();
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return view(environment(context), parameter.getParameter().getType());
    }

    /** Where an environment's annotation came from, and the context whose store keeps it. */
    private record Owner(GoTest annotation, GoTest.Scope scope, ExtensionContext context) {
    }

    private static Optional<Owner> owner(ExtensionContext context) {
        Optional<Method> method = context.getTestMethod();
        if (method.isPresent()) {
            Optional<GoTest> onMethod = AnnotationSupport.findAnnotation(method.get(), GoTest.class);
            if (onMethod.isPresent()) {
                return Optional.of(new Owner(onMethod.get(), GoTest.Scope.METHOD, context));
            }
        }
        return classOwner(context).map(o -> o.scope() == GoTest.Scope.METHOD && method.isPresent()
                ? new Owner(o.annotation(), GoTest.Scope.METHOD, context) : o);
    }

    /** The nearest class context (this one or an enclosing one) whose class carries the annotation. */
    private static Optional<Owner> classOwner(ExtensionContext context) {
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            if (c.getTestMethod().isEmpty() && c.getTestClass().isPresent()) {
                Optional<GoTest> annotation = AnnotationSupport.findAnnotation(c.getTestClass().get(), GoTest.class);
                if (annotation.isPresent()) {
                    return Optional.of(new Owner(annotation.get(), annotation.get().scope(), c));
                }
            }
        }
        return Optional.empty();
    }

    private static HermeticGo environment(ExtensionContext context) {
        Owner owner = owner(context).orElseThrow(() -> new ExtensionConfigurationException(
                "no @GoTest on " + context.getDisplayName() + " or its class"));
        ExtensionContext target = owner.context();
        String key = "environment:" + target.getUniqueId();
        return target.getStore(NAMESPACE).getOrComputeIfAbsent(key, k -> create(owner, context), Environment.class).go();
    }

    private static Environment create(Owner owner, ExtensionContext context) {
        GoTest annotation = owner.annotation();
        HermeticGo.Builder builder = HermeticGo.builder()
                .version(VersionSpec.parse(annotation.version()))
                .installer(installer(context))
                .sharedBuildCache(buildCache(context))
                .proxy(annotation.proxy());
        for (String variable : annotation.env()) {
            int eq = variable.indexOf('=');
            if (eq <= 0) {
                throw new ExtensionConfigurationException("@GoTest(env = \"" + variable + "\") on "
                        + owner.context().getDisplayName() + " is not NAME=VALUE");
            }
            builder.variable(variable.substring(0, eq), variable.substring(eq + 1));
        }
        HermeticGo go = builder.build();
        LOG.log(Level.DEBUG, () -> "created " + go + " for " + owner.context().getUniqueId());
        return new Environment(go);
    }

    private static ToolchainInstaller installer(ExtensionContext context) {
        Optional<String> id = context.getConfigurationParameter(INSTALLER_PARAMETER).map(String::strip)
                .filter(s -> !s.isEmpty());
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("installer:" + id.orElse(""), k -> {
            ProviderRegistry<ToolchainInstaller> registry = ProviderRegistry.load(ToolchainInstaller.class);
            ToolchainInstaller chosen = id.isPresent() ? registry.require(id.get()) : registry.requireBest(Platform.current());
            LOG.log(Level.DEBUG, () -> "@GoTest installs toolchains with \"" + chosen.id() + "\" ("
                    + chosen.getClass().getName() + ")" + (id.isPresent() ? ", named by " + INSTALLER_PARAMETER : ""));
            return chosen;
        }, ToolchainInstaller.class);
    }

    private static Path buildCache(ExtensionContext context) {
        Optional<String> configured = context.getConfigurationParameter(BUILD_CACHE_PARAMETER).map(String::strip)
                .filter(s -> !s.isEmpty());
        if (configured.isEmpty()) {
            // The outermost default: this JVM's user, through the one rule for the gosetup home.
            return GosetupHome.defaults().root().resolve("cache").resolve("go-build");
        }
        if (!configured.get().equals(TEMPORARY_BUILD_CACHE)) {
            try {
                return Path.of(configured.get()).toAbsolutePath();
            } catch (InvalidPathException e) {
                throw new InvalidConfigurationException(BUILD_CACHE_PARAMETER + " must be a directory, got \""
                        + configured.get() + "\"", List.of("set it to a directory such as target/go-build-cache"), e);
            }
        }
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent("buildCache", k -> TemporaryBuildCache.create(), TemporaryBuildCache.class).dir();
    }

    private static Object view(HermeticGo go, Class<?> type) {
        if (type == HermeticGo.class) {
            return go;
        }
        if (type == GoEnvironment.class) {
            return go.environment();
        }
        if (type == Toolchain.class) {
            return go.toolchain();
        }
        return go.runner();
    }

    private static List<Field> injectableFields(Class<?> type, boolean statics) {
        return ReflectionSupport.findFields(type, f -> INJECTABLE.contains(f.getType())
                && Modifier.isStatic(f.getModifiers()) == statics && !Modifier.isFinal(f.getModifiers()),
                HierarchyTraversalMode.TOP_DOWN);
    }

    private static void set(Field field, Object instance, HermeticGo go) {
        try {
            field.setAccessible(true);
            field.set(instance, view(go, field.getType()));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExtensionConfigurationException("cannot set " + field + " for @GoTest: " + e, e);
        }
    }

    /** A hermetic environment JUnit closes with its class's or method's context. */
    record Environment(HermeticGo go) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            go.close();
        }
    }

    /** The build cache shared by one test run when none is configured; deleted at the run's end. */
    record TemporaryBuildCache(Path dir) implements ExtensionContext.Store.CloseableResource {
        static TemporaryBuildCache create() {
            try {
                Path dir = Files.createTempDirectory("gosetup-junit5-go-build-");
                PrivateDirectories.repair(PrivateDirectories.check(List.of(dir)));
                return new TemporaryBuildCache(dir);
            } catch (IOException e) {
                throw new ExtensionConfigurationException("cannot create a temporary Go build cache: " + e, e);
            }
        }

        @Override
        public void close() throws IOException {
            FileTrees.deleteTree(dir);
        }
    }
}
