package dev.gosetup.api.spi;

import dev.gosetup.api.NotFoundException;
import dev.gosetup.api.Platform;

import java.lang.System.Logger.Level;
import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The providers of one kind that were found, in order of preference, and the ones that could not
 * be used.
 *
 * <p>Loading never fails because of a plugin: a service entry naming a missing class, a provider
 * whose constructor or {@link Provider#id()} throws, or a second provider with an id already taken
 * is recorded as a {@link ProviderProblem} (and logged as a warning) and left out; the first
 * provider loaded with an id keeps it. Providers are ordered by descending
 * {@link Provider#priority()}, then by id, so the order does not depend on the class path.
 *
 * <p>Instances are immutable and safe to share between threads. The registry holds no global
 * state: each {@code load} call runs {@link ServiceLoader} afresh.
 *
 * @param <T> the provider interface
 */
public final class ProviderRegistry<T extends Provider> {
    private static final System.Logger LOG = System.getLogger(ProviderRegistry.class.getName());

    /** Stops a broken provider configuration from keeping the iterator failing forever. */
    private static final int MAX_CONSECUTIVE_FAILURES = 100;
    private static final Pattern PROVIDER_CLASS = Pattern.compile("Provider ([\\p{L}\\p{N}_$.]+)");

    private final Class<T> type;
    private final List<T> providers;
    private final List<ProviderProblem> problems;

    private ProviderRegistry(Class<T> type, List<T> providers, List<ProviderProblem> problems) {
        this.type = type;
        this.providers = List.copyOf(providers);
        this.problems = List.copyOf(problems);
    }

    /**
     * Loads the providers of a kind visible to the current thread's context class loader (or, when
     * there is none, to the class loader of {@code type}).
     *
     * @param type the provider interface
     * @param <T> the provider interface
     * @return the providers found, never null
     */
    public static <T extends Provider> ProviderRegistry<T> load(Class<T> type) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return load(type, loader != null ? loader : type.getClassLoader());
    }

    /**
     * Loads the providers of a kind visible to a class loader: those registered in
     * {@code META-INF/services} on its class path, and those its named modules provide.
     *
     * @param type the provider interface
     * @param loader the class loader to search
     * @param <T> the provider interface
     * @return the providers found, never null
     */
    public static <T extends Provider> ProviderRegistry<T> load(Class<T> type, ClassLoader loader) {
        Objects.requireNonNull(loader, "loader");
        declareUse(type);
        return collect(type, ServiceLoader.load(type, loader), loader);
    }

    /**
     * Loads the providers of a kind from the modules of a module layer and its parents, as a
     * plugin host that builds its own layer does.
     *
     * @param type the provider interface
     * @param layer the module layer to search
     * @param <T> the provider interface
     * @return the providers found, never null
     */
    public static <T extends Provider> ProviderRegistry<T> load(Class<T> type, ModuleLayer layer) {
        Objects.requireNonNull(layer, "layer");
        declareUse(type);
        return collect(type, ServiceLoader.load(layer, type), null);
    }

    /**
     * Builds a registry from providers the caller created itself, e.g. in tests or in a host that
     * wires its providers by hand. Duplicate ids are treated as in {@link #load(Class)}.
     *
     * @param type the provider interface
     * @param providers the providers, in any order
     * @param <T> the provider interface
     * @return the registry, never null
     */
    public static <T extends Provider> ProviderRegistry<T> of(Class<T> type, List<? extends T> providers) {
        List<T> copy = List.copyOf(providers);
        return collect(type, copy, null);
    }

    /**
     * Returns the provider interface this registry holds.
     *
     * @return the provider interface
     */
    public Class<T> type() {
        return type;
    }

    /**
     * Returns every usable provider, highest priority first, then by id.
     *
     * @return the providers; empty when none was found
     */
    public List<T> all() {
        return providers;
    }

    /**
     * Returns the providers that apply to a host, in preference order.
     *
     * @param host the platform to ask about
     * @return the applicable providers; empty when none applies
     */
    public List<T> applicable(Platform host) {
        Objects.requireNonNull(host, "host");
        return providers.stream().filter(p -> applies(p, host)).collect(Collectors.toUnmodifiableList());
    }

    /**
     * Finds the provider with an id.
     *
     * @param id the provider id, e.g. {@code "go-env-file"}
     * @return the provider, or empty when none has that id
     */
    public Optional<T> byId(String id) {
        Objects.requireNonNull(id, "id");
        return providers.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /**
     * Returns the provider with an id, or fails with the ids that do exist.
     *
     * @param id the provider id
     * @return the provider
     * @throws NotFoundException when no provider has that id
     */
    public T require(String id) {
        return byId(id).orElseThrow(() -> new NotFoundException(
                "no " + type.getSimpleName() + " provider with id \"" + id + "\"; known ids: " + idList(),
                resolutionsForMissing()));
    }

    /**
     * Returns the preferred provider among those that apply to a host.
     *
     * @param host the platform to ask about
     * @return the applicable provider with the highest priority, or empty when none applies
     */
    public Optional<T> best(Platform host) {
        return applicable(host).stream().findFirst();
    }

    /**
     * Returns the preferred applicable provider, or fails with one line per provider saying why
     * it was not chosen and one per provider that could not be loaded.
     *
     * @param host the platform to ask about
     * @return the provider
     * @throws NotFoundException when no provider applies to the host
     */
    public T requireBest(Platform host) {
        return best(host).orElseThrow(() -> {
            StringBuilder message = new StringBuilder("no " + type.getSimpleName() + " provider applies to " + host);
            for (T p : providers) {
                message.append("\n  ").append(p.id()).append(" (").append(p.getClass().getName())
                        .append("): does not apply to ").append(host);
            }
            for (ProviderProblem problem : problems) {
                message.append("\n  ").append(problem.source()).append(": ").append(problem.message());
            }
            return new NotFoundException(message.toString(), resolutionsForMissing());
        });
    }

    /**
     * Returns the providers that could not be loaded or were left out, with the reason.
     *
     * @return the problems; empty when every provider loaded cleanly
     */
    public List<ProviderProblem> problems() {
        return problems;
    }

    private List<String> resolutionsForMissing() {
        return List.of("put a jar that provides " + type.getName()
                + " on the class path (META-INF/services) or the module path (provides ... with ...)");
    }

    private String idList() {
        return providers.isEmpty() ? "(none)"
                : providers.stream().map(Provider::id).collect(Collectors.joining(", "));
    }

    private static boolean applies(Provider provider, Platform host) {
        try {
            return provider.appliesTo(host);
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.DEBUG, () -> "provider " + provider.getClass().getName()
                    + " failed in appliesTo(" + host + "); treating it as not applicable", e);
            return false;
        }
    }

    /**
     * ServiceLoader refuses, inside a named module, to load a service the module does not declare
     * with {@code uses}. The provider interfaces of plugins are not known when this module is
     * compiled, so the registry declares the use at run time; on the class path this is a no-op.
     */
    private static void declareUse(Class<?> type) {
        Module self = ProviderRegistry.class.getModule();
        if (self.isNamed() && !self.canUse(type)) {
            self.addUses(type);
        }
    }

    private static <T extends Provider> ProviderRegistry<T> collect(Class<T> type, Iterable<? extends T> source,
            ClassLoader loader) {
        Objects.requireNonNull(type, "type");
        Map<String, T> byId = new LinkedHashMap<>();
        List<ProviderProblem> problems = new ArrayList<>();
        Iterator<? extends T> it = source.iterator();
        int consecutiveFailures = 0;
        while (consecutiveFailures < MAX_CONSECUTIVE_FAILURES) {
            T provider;
            try {
                if (!it.hasNext()) {
                    break;
                }
                provider = it.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                consecutiveFailures++;
                problems.add(new ProviderProblem(type.getName(), sourceOfError(e, type, loader),
                        describe(e) + "; fix or remove the jar that registers it"));
                continue;
            }
            consecutiveFailures = 0;
            String id;
            try {
                id = provider.id();
            } catch (RuntimeException | LinkageError e) {
                problems.add(new ProviderProblem(type.getName(), sourceOf(provider.getClass()),
                        provider.getClass().getName() + ".id() threw " + describe(e) + "; the provider is left out"));
                continue;
            }
            if (id == null || id.isBlank()) {
                problems.add(new ProviderProblem(type.getName(), sourceOf(provider.getClass()),
                        provider.getClass().getName() + " has a blank id; the provider is left out"));
                continue;
            }
            T earlier = byId.putIfAbsent(id, provider);
            if (earlier != null) {
                problems.add(new ProviderProblem(type.getName(), sourceOf(provider.getClass()),
                        "duplicate id \"" + id + "\": " + provider.getClass().getName()
                                + " is left out because " + earlier.getClass().getName() + " from "
                                + sourceOf(earlier.getClass()) + " already has it; remove one of the two jars"));
                continue;
            }
            LOG.log(Level.DEBUG, () -> "loaded " + type.getSimpleName() + " provider \"" + id + "\" ("
                    + provider.getClass().getName() + ") from " + sourceOf(provider.getClass()));
        }
        for (ProviderProblem problem : problems) {
            LOG.log(Level.DEBUG, problem::toString);
        }
        Comparator<T> byPriority = Comparator.comparingInt(ProviderRegistry::priorityOf);
        List<T> ordered = new ArrayList<>(byId.values());
        ordered.sort(byPriority.reversed().thenComparing(Provider::id));
        return new ProviderRegistry<>(type, ordered, problems);
    }

    private static int priorityOf(Provider p) {
        try {
            return p.priority();
        } catch (RuntimeException e) {
            return Integer.MIN_VALUE;
        }
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(e.getClass().getSimpleName() + ": " + e.getMessage());
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append(" (caused by ").append(cause.getClass().getSimpleName()).append(": ")
                    .append(cause.getMessage()).append(')');
        }
        return text.toString();
    }

    /** Names the jar or module a class came from, for messages a person can act on. */
    static String sourceOf(Class<?> type) {
        Module module = type.getModule();
        try {
            CodeSource code = type.getProtectionDomain().getCodeSource();
            if (code != null && code.getLocation() != null) {
                return (module.isNamed() ? "module " + module.getName() + " in " : "") + code.getLocation();
            }
        } catch (SecurityException ignored) {
            // fall through to the module name
        }
        return module.isNamed() ? "module " + module.getName() : "unknown";
    }

    /** A ServiceConfigurationError names the provider class; find the jar that holds it, if any. */
    private static String sourceOfError(Throwable e, Class<?> type, ClassLoader loader) {
        Matcher m = PROVIDER_CLASS.matcher(String.valueOf(e.getMessage()));
        if (m.find() && loader != null) {
            // The loader the providers came from (a plugin directory's), not the context loader,
            // which does not see plugin jars: the report must name the jar.
            String resource = m.group(1).replace('.', '/') + ".class";
            URL url = loader.getResource(resource);
            if (url != null) {
                return url.toString().replace("!/" + resource, "").replace(resource, "").replaceFirst("^jar:", "");
            }
            // The class is missing: name the jar whose services file registers it.
            String services = "META-INF/services/" + type.getName();
            try {
                for (URL file : java.util.Collections.list(loader.getResources(services))) {
                    try (java.io.InputStream in = file.openStream()) {
                        String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                        if (text.lines().map(l -> l.replaceFirst("#.*", "").strip()).anyMatch(m.group(1)::equals)) {
                            return file.toString().replace("!/" + services, "").replace(services, "")
                                    .replaceFirst("^jar:", "");
                        }
                    }
                }
            } catch (java.io.IOException | RuntimeException ignored) {
                // fall back to the class name
            }
            return "class " + m.group(1);
        }
        return "unknown";
    }
}
