package dev.gosetup.api.spi;

import dev.gosetup.api.CheckContext;
import dev.gosetup.api.CheckResult;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One item of the readiness checklist ({@code gosetup doctor}): something that can be checked
 * about a Go development environment, such as "go is on PATH" or "the team's registry answers".
 *
 * <p>The {@link #id()} names the check in checklists, in {@code --only}/{@code --skip} and in
 * reports. A check runs on a thread of the doctor's runner, in parallel with other checks, with a
 * {@link #timeout()}; a check that throws becomes {@link dev.gosetup.api.CheckStatus#ERROR} and
 * one that outlives its timeout is interrupted, abandoned and reported as ERROR, so a broken check
 * never stalls a run. Still, a check should return rather than throw:
 * {@link AbstractReadinessCheck} does that for you. Checks named in {@link #prerequisites()} run
 * first; when one of them does not pass (or warn), this check is skipped with the reason.
 *
 * <p>Implementations are stateless and thread-safe: one instance may run several times, also at
 * once, each time with its own {@link CheckContext}. They read nothing global: the environment,
 * parameters, the toolchain, the offline flag, cancellation and the clock all come in the context.
 */
public interface ReadinessCheck extends Provider {

    /** The timeout a check gets unless it or the checklist says otherwise. */
    Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Returns what the check is about, as a report's headline, e.g. {@code "Go toolchain"}.
     *
     * @return a short title, never blank
     */
    String title();

    /**
     * Returns the group the check belongs to in reports, e.g. {@code "toolchain"}, {@code "network"}.
     *
     * @return the category; {@code "general"} by default
     */
    default String category() {
        return "general";
    }

    /**
     * Returns the ids of the checks that must pass (or warn) before this one runs.
     *
     * @return the ids; empty by default
     */
    default List<String> prerequisites() {
        return List.of();
    }

    /**
     * Returns the names of the parameters the check reads ({@link dev.gosetup.api.CheckContext#parameter}),
     * so that a checklist giving it another one (a misspelt name) is refused, naming the file,
     * the line and these names.
     *
     * @return the names; empty when the check does not declare them (then any parameter is
     *     accepted), {@code Optional.of(Set.of())} for a check that takes none
     */
    default Optional<Set<String>> parameters() {
        return Optional.empty();
    }

    /**
     * Returns how long the check may run before the runner gives up on it.
     *
     * @return the timeout; {@link #DEFAULT_TIMEOUT} by default
     */
    default Duration timeout() {
        return DEFAULT_TIMEOUT;
    }

    /**
     * Runs the check. Blocks the calling thread while it works; should return soon after the
     * context's cancellation token is cancelled or the thread is interrupted.
     *
     * @param context what the check may use
     * @return what it found, never null
     */
    CheckResult check(CheckContext context);
}
