package dev.gosetup.api.spi;

import dev.gosetup.api.CheckContext;
import dev.gosetup.api.CheckResult;

/**
 * A base for readiness checks that turns anything the check throws into an
 * {@link dev.gosetup.api.CheckStatus#ERROR} result, as Spring Boot's {@code AbstractHealthIndicator}
 * turns it into DOWN. Subclasses implement {@link #doCheck}.
 *
 * <p>The error result carries the exception's message as summary and, for a
 * {@link dev.gosetup.api.GoSetupException}, its resolutions as hints; so a check can simply throw,
 * e.g., the {@link dev.gosetup.api.InvalidConfigurationException} of
 * {@link CheckContext#requiredParameter}.
 */
public abstract class AbstractReadinessCheck implements ReadinessCheck {
    private static final System.Logger LOG = System.getLogger(AbstractReadinessCheck.class.getName());

    /** Creates the check; subclasses need a public no-argument constructor for ServiceLoader. */
    protected AbstractReadinessCheck() {
    }

    /**
     * Runs {@link #doCheck} and turns an exception (or a null result) into an ERROR result.
     *
     * @param context what the check may use
     * @return what it found, never null
     */
    @Override
    public final CheckResult check(CheckContext context) {
        try {
            CheckResult result = doCheck(context);
            return result != null ? result : CheckResult.error(getClass().getName() + ".doCheck returned no result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.log(System.Logger.Level.DEBUG, () -> "check " + id() + " was interrupted", e);
            return CheckResult.error(e);
        } catch (Exception | LinkageError | StackOverflowError e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "check " + id() + " threw", e);
            return CheckResult.error(e);
        }
    }

    /**
     * Does the work of the check; may throw anything, checked exceptions included (an
     * {@code IOException} of a file it reads, an {@code InterruptedException} of a wait): the base
     * turns it into an ERROR result, so a check need not catch what it cannot handle.
     *
     * @param context what the check may use
     * @return what it found
     * @throws Exception whatever went wrong; becomes an ERROR result naming it
     */
    protected abstract CheckResult doCheck(CheckContext context) throws Exception;
}
