package dev.gosetup.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gosetup.api.CheckContext;
import dev.gosetup.api.CheckResult;
import dev.gosetup.api.spi.ReadinessCheck;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ReadinessCheck} must do, for a check's test class to extend: a well-formed,
 * discoverable provider with a title, a category, a positive timeout, no prerequisite on itself
 * and well-formed parameter names; {@code check} returns a result, never throws, and returns within
 * its timeout, for the context {@link #context()} gives and for a bare context with no
 * environment at all (no PATH, no HOME), and for a context cancelled before it starts.
 */
public abstract class ReadinessCheckContract {

    /** @return the check under test */
    protected abstract ReadinessCheck check();

    /**
     * Returns the context the check runs in; by default this process's PATH and HOME, offline.
     *
     * @return the context
     */
    protected CheckContext context() {
        Map<String, String> env = new java.util.HashMap<>();
        for (String name : new String[] {"PATH", "HOME"}) {
            String value = System.getenv(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        return CheckContext.of(env).withOffline(true);
    }

    /** @return whether the check is listed in META-INF/services (true for a provider) */
    protected boolean registered() {
        return true;
    }

    @Test
    void isAWellFormedProvider() {
        ReadinessCheck check = check();
        Contracts.isAWellFormedProvider(ReadinessCheck.class, check, registered());
        assertFalse(check.title().isBlank(), "title()");
        assertFalse(check.category().isBlank(), "category()");
        assertFalse(check.prerequisites().contains(check.id()), check.id() + " must not need itself");
        assertTrue(check.timeout().compareTo(Duration.ZERO) > 0, "timeout() must be positive");
        for (String name : check.parameters().orElse(Set.of())) {
            assertTrue(name.matches("[a-zA-Z][a-zA-Z0-9-]*"), "parameter name \"" + name + "\"");
        }
    }

    @Test
    void returnsAResultWithinItsTimeout() {
        assertNotNull(run(context()).status());
    }

    @Test
    void aBareContextGivesAResultNotAnException() {
        assertNotNull(run(CheckContext.of(Map.of()).withOffline(true)).status());
    }

    @Test
    void aCancelledContextStillGivesAResult() {
        CheckContext cancelled = context();
        cancelled.cancellation().cancel();
        assertNotNull(run(cancelled).status());
    }

    private CheckResult run(CheckContext context) {
        ReadinessCheck check = check();
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<CheckResult> result = thread.submit(() -> check.check(context));
            CheckResult r = result.get(check.timeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
            assertNotNull(r, check.id() + " returned null");
            return r;
        } catch (ExecutionException e) {
            return fail(check.id() + " threw instead of returning a result (ERROR with the cause, or FAIL)",
                    e.getCause());
        } catch (TimeoutException e) {
            return fail(check.id() + " did not return within its timeout of " + check.timeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        } finally {
            thread.shutdownNow();
        }
    }
}
