package dev.gosetup.core.doctor.checks;

import dev.gosetup.api.spi.AbstractReadinessCheck;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What gosetup's own checks share, in every module (core, gosetup-vscode, gosetup-wsl): an id, a
 * title, a category, prerequisites and the parameters they read are fixed at construction, so
 * each check is its {@code doCheck} and little else. Not API: a plugin's check extends
 * {@link AbstractReadinessCheck}.
 */
public abstract class BuiltInCheck extends AbstractReadinessCheck {
    private final String id;
    private final String title;
    private final String category;
    private final List<String> prerequisites;
    private final Set<String> parameters;

    /**
     * Fixes what the check is.
     *
     * @param id the check's id
     * @param title its headline in reports
     * @param category its group in reports
     * @param prerequisites the ids of the checks that must pass before it runs
     * @param parameters the names of the parameters it reads; empty for none
     */
    protected BuiltInCheck(String id, String title, String category, List<String> prerequisites, Set<String> parameters) {
        this.id = Objects.requireNonNull(id, "id");
        this.title = Objects.requireNonNull(title, "title");
        this.category = Objects.requireNonNull(category, "category");
        this.prerequisites = List.copyOf(prerequisites);
        this.parameters = Set.copyOf(parameters);
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String title() {
        return title;
    }

    @Override
    public final String category() {
        return category;
    }

    @Override
    public final List<String> prerequisites() {
        return prerequisites;
    }

    @Override
    public final Optional<Set<String>> parameters() {
        return Optional.of(parameters);
    }
}
