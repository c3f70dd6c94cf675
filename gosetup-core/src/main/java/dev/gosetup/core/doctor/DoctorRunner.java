package dev.gosetup.core.doctor;

import dev.gosetup.api.CancellationToken;
import dev.gosetup.api.CancelledException;
import dev.gosetup.api.CheckContext;
import dev.gosetup.api.CheckResult;
import dev.gosetup.api.CheckStatus;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.spi.ReadinessCheck;
import dev.gosetup.core.internal.Durations;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs readiness checks: in parallel, each with its timeout, prerequisites first, and returns
 * their outcomes in the order the checks were given.
 *
 * <p><b>Never stalls, never throws because of a check.</b> A check that throws becomes
 * {@link CheckStatus#ERROR}. A check that outlives its {@link ReadinessCheck#timeout()} becomes
 * ERROR ("did not finish within ..."): its thread is interrupted, its cancellation token
 * cancelled, and the runner moves on without waiting for it; the thread is a daemon, so an
 * abandoned check cannot keep the JVM alive either. At most {@link Builder#parallelism} checks
 * that have not been given up on run at once.
 *
 * <p><b>Prerequisites.</b> A check runs after the checks named in its
 * {@link ReadinessCheck#prerequisites()}; when one of them ends in anything but PASS or WARN, the
 * check is skipped with the reason. Before anything runs, the list is validated: ids must be
 * unique and non-blank, every prerequisite must be in the list, and prerequisites must not form a
 * cycle; otherwise {@link InvalidConfigurationException} names the check and the fix.
 *
 * <p><b>Threads.</b> {@link #run} blocks the calling thread until every check has an outcome;
 * listeners are called on that thread. Each check runs on a daemon thread named
 * {@code gosetup-doctor-<id>}. A runner holds no state between runs and may be shared.
 *
 * <p><b>Cancellation.</b> When the context's cancellation token is cancelled, or the calling
 * thread is interrupted, the running checks are interrupted and {@link #run} throws
 * {@link CancelledException}; outcomes reported so far have reached the listener.
 */
public final class DoctorRunner {
    private static final System.Logger LOG = System.getLogger(DoctorRunner.class.getName());
    private static final long POLL_MILLIS = 50;

    private final int parallelism;

    private DoctorRunner(Builder builder) {
        this.parallelism = builder.parallelism;
    }

    /**
     * Returns a runner with the defaults: up to four checks at once.
     *
     * @return the runner
     */
    public static DoctorRunner create() {
        return builder().build();
    }

    /**
     * Returns a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs checks and returns their outcomes.
     *
     * @param checks the checks, in the order the report lists them
     * @param context what the checks may use; its cancellation token cancels the run
     * @param listener hears each check start and finish
     * @return the report, one outcome per check in the given order
     * @throws InvalidConfigurationException when ids repeat, a prerequisite is not in the list, or
     *     prerequisites form a cycle
     * @throws CancelledException when the run is cancelled
     */
    public DoctorReport run(List<? extends ReadinessCheck> checks, CheckContext context, DoctorListener listener) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(listener, "listener");
        List<ReadinessCheck> list = List.copyOf(checks);
        Map<String, Integer> index = validate(list);
        return new Run(list, index, context, listener).execute();
    }

    /**
     * Checks a list as {@link #run} does before running anything.
     *
     * @param checks the checks
     * @return the position of each id
     * @throws InvalidConfigurationException when ids repeat, a prerequisite is not in the list, or
     *     prerequisites form a cycle
     */
    public static Map<String, Integer> validate(List<ReadinessCheck> checks) {
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < checks.size(); i++) {
            ReadinessCheck check = checks.get(i);
            String id = check.id();
            if (id == null || id.isBlank()) {
                throw new InvalidConfigurationException("the readiness check " + check.getClass().getName()
                        + " has no id", List.of("give every check a non-blank id"));
            }
            if (index.putIfAbsent(id, i) != null) {
                throw new InvalidConfigurationException("two readiness checks have the id \"" + id + "\"",
                        List.of("give each check of the checklist its own id"));
            }
        }
        for (ReadinessCheck check : checks) {
            for (String prerequisite : check.prerequisites()) {
                if (!index.containsKey(prerequisite)) {
                    throw new InvalidConfigurationException("the readiness check \"" + check.id()
                            + "\" requires \"" + prerequisite + "\", which is not among the checks to run ("
                            + String.join(", ", index.keySet()) + ")",
                            List.of("add the check \"" + prerequisite + "\" to the checklist, or remove it from the "
                                    + "prerequisites of \"" + check.id() + "\""));
                }
            }
        }
        Map<String, Integer> state = new HashMap<>(); // 1 = on the current path, 2 = done
        for (ReadinessCheck check : checks) {
            findCycle(check.id(), checks, index, state, new ArrayList<>());
        }
        return index;
    }

    private static void findCycle(String id, List<ReadinessCheck> checks, Map<String, Integer> index,
            Map<String, Integer> state, List<String> path) {
        Integer s = state.get(id);
        if (s != null && s == 2) {
            return;
        }
        path.add(id);
        if (s != null) {
            List<String> cycle = path.subList(path.indexOf(id), path.size());
            throw new InvalidConfigurationException("the prerequisites of readiness checks form a cycle: "
                    + String.join(" -> ", cycle), List.of("remove one of these prerequisites"));
        }
        state.put(id, 1);
        for (String prerequisite : checks.get(index.get(id)).prerequisites()) {
            findCycle(prerequisite, checks, index, state, path);
        }
        state.put(id, 2);
        path.remove(path.size() - 1);
    }

    private record Completion(int index, CheckResult result, long nanos) {
    }

    private record Running(Future<?> future, CancellationToken token, long deadline) {
    }

    /** The state of one run; confined to the calling thread except for the completion queue. */
    private final class Run {
        private final List<ReadinessCheck> checks;
        private final Map<String, Integer> index;
        private final CheckContext context;
        private final DoctorListener listener;
        private final CheckOutcome[] outcomes;
        private final boolean[] started;
        private final Map<Integer, Running> running = new LinkedHashMap<>();
        private final BlockingQueue<Completion> completions = new LinkedBlockingQueue<>();
        private int finished;

        Run(List<ReadinessCheck> checks, Map<String, Integer> index, CheckContext context, DoctorListener listener) {
            this.checks = checks;
            this.index = index;
            this.context = context;
            this.listener = listener;
            this.outcomes = new CheckOutcome[checks.size()];
            this.started = new boolean[checks.size()];
        }

        DoctorReport execute() {
            Instant startedAt = context.clock().instant();
            long t0 = System.nanoTime();
            ExecutorService pool = Executors.newCachedThreadPool(daemonThreads());
            try {
                while (finished < checks.size()) {
                    if (context.cancellation().isCancelled() || Thread.currentThread().isInterrupted()) {
                        throw cancelled();
                    }
                    startReady(pool);
                    if (finished == checks.size()) {
                        break;
                    }
                    long now = System.nanoTime();
                    long wait = running.values().stream().mapToLong(r -> r.deadline() - now).min().orElse(Long.MAX_VALUE);
                    Completion done;
                    try {
                        done = completions.poll(Math.max(0, Math.min(TimeUnit.NANOSECONDS.toMillis(wait) + 1, POLL_MILLIS)),
                                TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw cancelled();
                    }
                    for (; done != null; done = completions.poll()) {
                        if (running.remove(done.index()) != null) {
                            record(done.index(), done.result().withDuration(Duration.ofNanos(done.nanos())));
                        }
                    }
                    giveUpOnOverdue();
                }
            } finally {
                for (Running r : running.values()) {
                    r.token().cancel();
                    r.future().cancel(true);
                }
                pool.shutdownNow();
            }
            return new DoctorReport(List.of(outcomes), startedAt, Duration.ofNanos(System.nanoTime() - t0));
        }

        private CancelledException cancelled() {
            return new CancelledException("the readiness checks were cancelled after " + finished + " of "
                    + checks.size() + " had finished", List.of());
        }

        /** Starts (or skips) every check whose prerequisites are done, until the pool is full. */
        private void startReady(ExecutorService pool) {
            boolean progress = true;
            while (progress) {
                progress = false;
                for (int i = 0; i < checks.size(); i++) {
                    if (started[i] || !prerequisitesDone(checks.get(i))) {
                        continue;
                    }
                    ReadinessCheck check = checks.get(i);
                    String blocked = blockingPrerequisite(check);
                    if (blocked != null) {
                        started[i] = true;
                        record(i, CheckResult.skip(blocked));
                        progress = true;
                    } else if (running.size() < parallelism) {
                        started[i] = true;
                        start(pool, i);
                    }
                }
            }
        }

        private boolean prerequisitesDone(ReadinessCheck check) {
            return check.prerequisites().stream().allMatch(p -> outcomes[index.get(p)] != null);
        }

        private String blockingPrerequisite(ReadinessCheck check) {
            for (String p : check.prerequisites()) {
                CheckOutcome outcome = outcomes[index.get(p)];
                CheckStatus status = outcome.status();
                if (!status.satisfiesDependents()) {
                    String what = switch (status) {
                        case FAIL -> "failed";
                        case ERROR -> "broke";
                        default -> "was skipped";
                    };
                    return "prerequisite " + p + " " + what + ": " + outcome.result().summary();
                }
            }
            return null;
        }

        private void start(ExecutorService pool, int i) {
            ReadinessCheck check = checks.get(i);
            Duration timeout = timeoutOf(check);
            CancellationToken token = new CancellationToken();
            CheckContext own = context.withCancellation(token);
            notify(() -> listener.started(check));
            long startNanos = System.nanoTime();
            Future<?> future = pool.submit(() -> {
                Thread.currentThread().setName("gosetup-doctor-" + check.id());
                CheckResult result;
                try {
                    result = check.check(own);
                    if (result == null) {
                        result = CheckResult.error(check.getClass().getName() + ".check returned no result");
                    }
                } catch (Throwable e) { // a check must never break the run, whatever it throws
                    LOG.log(Level.DEBUG, () -> "readiness check " + check.id() + " threw", e);
                    result = CheckResult.error(e);
                }
                completions.add(new Completion(i, result, System.nanoTime() - startNanos));
            });
            running.put(i, new Running(future, token, startNanos + timeout.toNanos()));
        }

        private void giveUpOnOverdue() {
            long now = System.nanoTime();
            for (var it = running.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<Integer, Running> e = it.next();
                if (now - e.getValue().deadline() >= 0) {
                    it.remove();
                    e.getValue().token().cancel();
                    e.getValue().future().cancel(true);
                    ReadinessCheck check = checks.get(e.getKey());
                    Duration timeout = timeoutOf(check);
                    LOG.log(Level.DEBUG, () -> "readiness check " + check.id() + " did not finish within "
                            + Durations.human(timeout) + "; its thread was interrupted and abandoned");
                    record(e.getKey(), CheckResult.error("did not finish within " + Durations.human(timeout))
                            .withHint("raise its timeout in the checklist (timeout: ...) if it is just slow, "
                                    + "or find out what it waits for")
                            .withDuration(timeout));
                }
            }
        }

        private void record(int i, CheckResult result) {
            CheckOutcome outcome = CheckOutcome.of(checks.get(i), result);
            outcomes[i] = outcome;
            finished++;
            notify(() -> listener.finished(outcome));
        }

        private void notify(Runnable call) {
            try {
                call.run();
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, "a doctor listener threw; ignoring it", e);
            }
        }
    }

    private static Duration timeoutOf(ReadinessCheck check) {
        Duration timeout = check.timeout();
        return timeout == null || timeout.isNegative() || timeout.isZero() ? ReadinessCheck.DEFAULT_TIMEOUT : timeout;
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "gosetup-doctor-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Configures a {@link DoctorRunner}. Not thread-safe; build once and share the runner. */
    public static final class Builder {
        private int parallelism = 4;

        private Builder() {
        }

        /**
         * Sets how many checks may run at once.
         *
         * @param parallelism at least 1; 4 by default
         * @return this builder
         * @throws IllegalArgumentException when less than 1
         */
        public Builder parallelism(int parallelism) {
            if (parallelism < 1) {
                throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
            }
            this.parallelism = parallelism;
            return this;
        }

        /**
         * Builds the runner.
         *
         * @return the runner
         */
        public DoctorRunner build() {
            return new DoctorRunner(this);
        }
    }

    @Override
    public String toString() {
        return "DoctorRunner[parallelism=" + parallelism + "]";
    }
}
