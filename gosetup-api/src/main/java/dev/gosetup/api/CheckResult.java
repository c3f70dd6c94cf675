package dev.gosetup.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one readiness check found: a status, a one-line summary, diagnostic details, hints a
 * person can act on (a command to run, a setting to change), and how long the check took.
 *
 * <p>Built like Spring Boot's {@code Health}: start from a factory and add to it, e.g.
 * {@code CheckResult.fail("GOPATH /home/me/go is writable by everyone").withDetail("mode", "rwxrwxrwx")
 * .withHint("chmod 700 /home/me/go")}. Immutable and thread-safe; the {@code with...} methods
 * return modified copies.
 *
 * @param status the outcome
 * @param summary one line saying what was found; line breaks are folded into spaces
 * @param details diagnostic key/value pairs, in the order they were added
 * @param hints what a person can do, most promising first; empty when there is nothing to do
 * @param duration how long the check ran; the runner sets it, factories start at zero
 */
public record CheckResult(CheckStatus status, String summary, Map<String, String> details, List<String> hints,
        Duration duration) {

    /**
     * Validates and copies the components.
     *
     * @throws IllegalArgumentException when the summary is blank, a detail key is blank, a hint is
     *     blank or the duration is negative
     */
    public CheckResult {
        Objects.requireNonNull(status, "status");
        summary = oneLine(Objects.requireNonNull(summary, "summary"));
        if (summary.isEmpty()) {
            throw new IllegalArgumentException("a check result needs a summary");
        }
        LinkedHashMap<String, String> copy = new LinkedHashMap<>();
        details.forEach((key, value) -> {
            if (Objects.requireNonNull(key, "detail key").isBlank()) {
                throw new IllegalArgumentException("a detail key must not be blank");
            }
            copy.put(key, Objects.requireNonNull(value, () -> "value of detail " + key));
        });
        details = Collections.unmodifiableMap(copy);
        hints = List.copyOf(hints);
        for (String hint : hints) {
            if (hint.isBlank()) {
                throw new IllegalArgumentException("a hint must not be blank");
            }
        }
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a check cannot take a negative time: " + duration);
        }
    }

    /**
     * Returns a passing result.
     *
     * @param summary what was found, one line
     * @return the result
     */
    public static CheckResult pass(String summary) {
        return of(CheckStatus.PASS, summary);
    }

    /**
     * Returns a warning: something worth fixing that does not stop work.
     *
     * @param summary what was found, one line
     * @return the result
     */
    public static CheckResult warn(String summary) {
        return of(CheckStatus.WARN, summary);
    }

    /**
     * Returns a failure: something that stops work.
     *
     * @param summary what was found, one line
     * @return the result
     */
    public static CheckResult fail(String summary) {
        return of(CheckStatus.FAIL, summary);
    }

    /**
     * Returns a skip: the check did not run, and the summary says why.
     *
     * @param reason why it did not run, one line
     * @return the result
     */
    public static CheckResult skip(String reason) {
        return of(CheckStatus.SKIP, reason);
    }

    /**
     * Returns an error: the check itself broke.
     *
     * @param summary what broke, one line
     * @return the result
     */
    public static CheckResult error(String summary) {
        return of(CheckStatus.ERROR, summary);
    }

    /**
     * Returns the error result for a check that threw: the exception's message as the summary,
     * its type as a detail, and the resolutions of a {@link GoSetupException} as hints.
     *
     * @param failure what the check threw
     * @return the result
     */
    public static CheckResult error(Throwable failure) {
        Objects.requireNonNull(failure, "failure");
        String message = failure.getMessage();
        CheckResult result = error(message == null || message.isBlank()
                ? failure.getClass().getSimpleName() : message)
                .withDetail("exception", failure.getClass().getName());
        return failure instanceof GoSetupException gse ? result.withHints(gse.resolutions()) : result;
    }

    /**
     * Returns a result with a status and summary, no details, no hints and zero duration.
     *
     * @param status the outcome
     * @param summary what was found, one line
     * @return the result
     */
    public static CheckResult of(CheckStatus status, String summary) {
        return new CheckResult(status, summary, Map.of(), List.of(), Duration.ZERO);
    }

    /**
     * Returns a copy with one more detail; a key given twice keeps the last value.
     *
     * @param key what the value is, e.g. {@code "path"}
     * @param value the value; any object, shown with {@link String#valueOf(Object)}
     * @return the modified result
     */
    public CheckResult withDetail(String key, Object value) {
        Map<String, String> copy = new LinkedHashMap<>(details);
        copy.put(key, String.valueOf(Objects.requireNonNull(value, () -> "value of detail " + key)));
        return new CheckResult(status, summary, copy, hints, duration);
    }

    /**
     * Returns a copy with one more hint, after the ones already there.
     *
     * @param hint what a person can do, e.g. {@code "run: gosetup install latest"}
     * @return the modified result
     */
    public CheckResult withHint(String hint) {
        List<String> copy = new ArrayList<>(hints);
        copy.add(Objects.requireNonNull(hint, "hint"));
        return new CheckResult(status, summary, details, copy, duration);
    }

    /**
     * Returns a copy with more hints, after the ones already there.
     *
     * @param more what a person can do, in order
     * @return the modified result
     */
    public CheckResult withHints(List<String> more) {
        List<String> copy = new ArrayList<>(hints);
        copy.addAll(more);
        return new CheckResult(status, summary, details, copy, duration);
    }

    /**
     * Returns a copy with another duration.
     *
     * @param duration how long the check ran
     * @return the modified result
     */
    public CheckResult withDuration(Duration duration) {
        return new CheckResult(status, summary, details, hints, duration);
    }

    /**
     * Returns a copy with another status and summary, keeping details and hints, e.g. to
     * downgrade a failure to a warning.
     *
     * @param status the new status
     * @param summary the new summary, one line
     * @return the modified result
     */
    public CheckResult withStatus(CheckStatus status, String summary) {
        return new CheckResult(status, summary, details, hints, duration);
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
