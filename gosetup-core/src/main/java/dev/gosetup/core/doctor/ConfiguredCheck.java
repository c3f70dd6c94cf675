package dev.gosetup.core.doctor;

import dev.gosetup.api.CheckContext;
import dev.gosetup.api.CheckResult;
import dev.gosetup.api.spi.ReadinessCheck;

import java.util.Set;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A readiness check as a checklist configures it: another id, title, category, prerequisites or
 * timeout, and the parameters it runs with (the checklist's {@code with:}). Also the form a check
 * takes when it is deselected: it then does not run and reports SKIP with the reason.
 *
 * <p>Immutable and thread-safe when the wrapped check is.
 */
public final class ConfiguredCheck implements ReadinessCheck {
    private final ReadinessCheck delegate;
    private final String id;
    private final String title;
    private final String category;
    private final List<String> prerequisites;
    private final Duration timeout;
    private final Map<String, String> parameters;
    private final Optional<String> skipReason;

    private ConfiguredCheck(ReadinessCheck delegate, String id, String title, String category,
            List<String> prerequisites, Duration timeout, Map<String, String> parameters, Optional<String> skipReason) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.id = Objects.requireNonNull(id, "id");
        this.title = Objects.requireNonNull(title, "title");
        this.category = Objects.requireNonNull(category, "category");
        this.prerequisites = List.copyOf(prerequisites);
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.parameters = Map.copyOf(parameters);
        this.skipReason = skipReason;
    }

    /**
     * Wraps a check without changing anything yet.
     *
     * @param check the check
     * @return the configured check
     */
    public static ConfiguredCheck of(ReadinessCheck check) {
        if (check instanceof ConfiguredCheck configured) {
            return configured;
        }
        return new ConfiguredCheck(check, check.id(), check.title(), check.category(), check.prerequisites(),
                check.timeout(), Map.of(), Optional.empty());
    }

    /**
     * Returns a copy with another id.
     *
     * @param newId the id
     * @return the modified check
     */
    public ConfiguredCheck withId(String newId) {
        return new ConfiguredCheck(delegate, newId, title, category, prerequisites, timeout, parameters, skipReason);
    }

    /**
     * Returns a copy with another title.
     *
     * @param newTitle the title
     * @return the modified check
     */
    public ConfiguredCheck withTitle(String newTitle) {
        return new ConfiguredCheck(delegate, id, newTitle, category, prerequisites, timeout, parameters, skipReason);
    }

    /**
     * Returns a copy in another category.
     *
     * @param newCategory the category
     * @return the modified check
     */
    public ConfiguredCheck withCategory(String newCategory) {
        return new ConfiguredCheck(delegate, id, title, newCategory, prerequisites, timeout, parameters, skipReason);
    }

    /**
     * Returns a copy with more prerequisites, after its own.
     *
     * @param more the ids to add; ones already there are not repeated
     * @return the modified check
     */
    public ConfiguredCheck withPrerequisites(List<String> more) {
        List<String> all = new java.util.ArrayList<>(prerequisites);
        more.stream().filter(p -> !all.contains(p)).forEach(all::add);
        return new ConfiguredCheck(delegate, id, title, category, all, timeout, parameters, skipReason);
    }

    /**
     * Returns a copy with another timeout.
     *
     * @param newTimeout the timeout, positive
     * @return the modified check
     * @throws IllegalArgumentException when not positive
     */
    public ConfiguredCheck withTimeout(Duration newTimeout) {
        if (newTimeout.isZero() || newTimeout.isNegative()) {
            throw new IllegalArgumentException("a check's timeout must be positive, got " + newTimeout);
        }
        return new ConfiguredCheck(delegate, id, title, category, prerequisites, newTimeout, parameters, skipReason);
    }

    /**
     * Returns a copy that runs with more parameters; they replace parameters of the same name.
     *
     * @param more the parameters
     * @return the modified check
     */
    public ConfiguredCheck withParameters(Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(parameters);
        all.putAll(more);
        return new ConfiguredCheck(delegate, id, title, category, prerequisites, timeout, all, skipReason);
    }

    /**
     * Returns a copy that does not run but reports SKIP, e.g. for {@code --skip}.
     *
     * @param reason why, one line
     * @return the modified check
     */
    public ConfiguredCheck skipped(String reason) {
        return new ConfiguredCheck(delegate, id, title, category, prerequisites, timeout, parameters,
                Optional.of(reason));
    }

    /**
     * Returns the parameter values this check runs with.
     *
     * @return the parameters by name
     */
    public Map<String, String> parameterValues() {
        return parameters;
    }

    /**
     * Returns the check this one configures.
     *
     * @return the wrapped check
     */
    public ReadinessCheck delegate() {
        return delegate;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public String category() {
        return category;
    }

    @Override
    public List<String> prerequisites() {
        return prerequisites;
    }

    @Override
    public Duration timeout() {
        return timeout;
    }

    @Override
    public Optional<Set<String>> parameters() {
        return delegate.parameters();
    }

    /**
     * Runs the wrapped check with this check's parameters added to the context's (or reports SKIP
     * when deselected).
     *
     * @param context what the check may use
     * @return what it found
     */
    @Override
    public CheckResult check(CheckContext context) {
        if (skipReason.isPresent()) {
            return CheckResult.skip(skipReason.get());
        }
        if (parameters.isEmpty()) {
            return delegate.check(context);
        }
        Map<String, String> all = new LinkedHashMap<>(context.parameters());
        all.putAll(parameters);
        return delegate.check(context.withParameters(all));
    }

    @Override
    public String toString() {
        return "ConfiguredCheck[" + id + " -> " + delegate.id() + (parameters.isEmpty() ? "" : " " + parameters) + "]";
    }
}
