package dev.gosetup.core.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gosetup.api.CancellationToken;
import dev.gosetup.api.CancelledException;
import dev.gosetup.api.CheckContext;
import dev.gosetup.api.CheckResult;
import dev.gosetup.api.CheckStatus;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.spi.ReadinessCheck;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class DoctorRunnerTest {
    private final CheckContext context = CheckContext.of(Map.of());

    private static CheckResult sleepThen(long millis, CheckResult result) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckResult.error("interrupted");
        }
        return result;
    }

    /** Ignores interrupts on purpose: a check as badly behaved as they come. */
    private static CheckResult hangForever(CountDownLatch interrupted) {
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        }
    }

    private static List<String> ids(DoctorReport report) {
        return report.outcomes().stream().map(CheckOutcome::id).toList();
    }

    @Test
    void runsInParallelAndReportsInTheGivenOrderWhileTheListenerSeesArrivalOrder() {
        List<String> arrived = new CopyOnWriteArrayList<>();
        List<String> listenerThreads = new CopyOnWriteArrayList<>();
        DoctorListener listener = new DoctorListener() {
            @Override
            public void finished(CheckOutcome outcome) {
                arrived.add(outcome.id());
                listenerThreads.add(Thread.currentThread().getName());
            }
        };
        long t0 = System.nanoTime();
        DoctorReport report = DoctorRunner.builder().parallelism(3).build().run(List.of(
                TestCheck.of("slow", c -> sleepThen(600, CheckResult.pass("slow done"))),
                TestCheck.of("medium", c -> sleepThen(300, CheckResult.warn("medium done"))),
                TestCheck.of("fast", c -> CheckResult.pass("fast done"))), context, listener);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

        assertThat(ids(report)).containsExactly("slow", "medium", "fast");
        assertThat(arrived).containsExactly("fast", "medium", "slow");
        assertThat(listenerThreads).containsOnly(Thread.currentThread().getName());
        assertThat(millis).as("parallel, not 900 ms in a row").isLessThan(880);
        assertThat(report.outcomes().get(0).result().duration()).isGreaterThanOrEqualTo(Duration.ofMillis(600));
        assertThat(report.outcomes().get(0).title()).isEqualTo("Check slow");
        assertThat(report.ok()).isTrue();
        assertThat(report.exitCode()).isZero();
        assertThat(report.summaryLine()).isEqualTo("2 passed, 1 warning, 0 failed, 0 skipped, 0 errors");
    }

    @Test
    void aCheckThatHangsBecomesAnErrorAtItsTimeoutAndTheRunGoesOn() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        long t0 = System.nanoTime();
        DoctorReport report = DoctorRunner.builder().parallelism(1).build().run(List.of(
                TestCheck.of("hangs", c -> hangForever(interrupted)).timeout(Duration.ofMillis(300)),
                TestCheck.of("after", c -> CheckResult.pass("still ran"))), context, DoctorListener.NOOP);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

        CheckOutcome hung = report.outcomes().get(0);
        assertThat(hung.status()).isEqualTo(CheckStatus.ERROR);
        assertThat(hung.result().summary()).isEqualTo("did not finish within 300ms");
        assertThat(hung.result().hints()).isNotEmpty();
        assertThat(hung.result().duration()).hasMillis(300);
        assertThat(report.outcomes().get(1).status()).as("the one pool slot was freed").isEqualTo(CheckStatus.PASS);
        assertThat(millis).isLessThan(3_000);
        assertThat(interrupted.await(5, TimeUnit.SECONDS)).as("the hung thread was interrupted").isTrue();
        assertThat(report.exitCode()).isEqualTo(1);
    }

    @Test
    void aCheckThatThrowsOrReturnsNothingBecomesAnError() {
        DoctorReport report = DoctorRunner.create().run(List.of(
                TestCheck.of("throws", c -> {
                    throw new IllegalStateException("boom");
                }),
                TestCheck.of("null", c -> null),
                TestCheck.of("error", c -> {
                    throw new StackOverflowError();
                })), context, DoctorListener.NOOP);
        assertThat(report.outcomes()).extracting(CheckOutcome::status).containsOnly(CheckStatus.ERROR);
        assertThat(report.outcomes().get(0).result().summary()).isEqualTo("boom");
        assertThat(report.outcomes().get(0).result().details()).containsEntry("exception", "java.lang.IllegalStateException");
        assertThat(report.outcomes().get(1).result().summary()).contains("returned no result");
    }

    @Test
    void dependentsOfAFailedPrerequisiteAreSkippedWithTheReasonAndOthersWaitForTheirs() {
        List<String> startOrder = new CopyOnWriteArrayList<>();
        DoctorListener listener = new DoctorListener() {
            @Override
            public void started(ReadinessCheck check) {
                startOrder.add(check.id());
            }
        };
        DoctorReport report = DoctorRunner.create().run(List.of(
                TestCheck.of("needs-base", c -> CheckResult.pass("ran after base"), "base"),
                TestCheck.of("base", c -> sleepThen(200, CheckResult.warn("base is old"))),
                TestCheck.of("go", c -> CheckResult.fail("go was not found").withHint("gosetup install latest")),
                TestCheck.of("build", c -> CheckResult.pass("never"), "go"),
                TestCheck.of("serve", c -> CheckResult.pass("never"), "build"),
                TestCheck.of("broken", c -> {
                    throw new IllegalStateException("boom");
                }),
                TestCheck.of("after-broken", c -> CheckResult.pass("never"), "broken")), context, listener);

        assertThat(ids(report)).containsExactly("needs-base", "base", "go", "build", "serve", "broken", "after-broken");
        assertThat(startOrder.indexOf("base")).isLessThan(startOrder.indexOf("needs-base"));
        assertThat(startOrder).doesNotContain("build", "serve", "after-broken");
        assertThat(report.outcomes().get(0).status()).as("a warning satisfies dependents").isEqualTo(CheckStatus.PASS);
        assertThat(report.outcomes().get(3).result().summary()).isEqualTo("prerequisite go failed: go was not found");
        assertThat(report.outcomes().get(4).result().summary()).startsWith("prerequisite build was skipped: ");
        assertThat(report.outcomes().get(6).result().summary()).isEqualTo("prerequisite broken broke: boom");
        assertThat(report.count(CheckStatus.SKIP)).isEqualTo(3);
    }

    @Test
    void aBadListIsRefusedBeforeAnythingRuns() {
        AtomicInteger ran = new AtomicInteger();
        TestCheck counts = TestCheck.of("a", c -> {
            ran.incrementAndGet();
            return CheckResult.pass("ran");
        });
        DoctorRunner runner = DoctorRunner.create();
        assertThatThrownBy(() -> runner.run(List.of(counts, TestCheck.of("b", c -> CheckResult.pass("x"), "nope")),
                context, DoctorListener.NOOP))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("\"b\" requires \"nope\"").hasMessageContaining("(a, b)");
        assertThatThrownBy(() -> runner.run(List.of(counts,
                TestCheck.of("x", c -> CheckResult.pass("x"), "y"), TestCheck.of("y", c -> CheckResult.pass("y"), "z"),
                TestCheck.of("z", c -> CheckResult.pass("z"), "x")), context, DoctorListener.NOOP))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("cycle: x -> y -> z -> x");
        assertThatThrownBy(() -> runner.run(List.of(counts, counts), context, DoctorListener.NOOP))
                .hasMessageContaining("two readiness checks have the id \"a\"");
        assertThat(ran).hasValue(0);
    }

    @Test
    void neverRunsMoreChecksAtOnceThanItsParallelism() {
        AtomicInteger now = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<ReadinessCheck> checks = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            checks.add(TestCheck.of("c" + i, c -> {
                most.accumulateAndGet(now.incrementAndGet(), Math::max);
                CheckResult r = sleepThen(50, CheckResult.pass("ok"));
                now.decrementAndGet();
                return r;
            }));
        }
        DoctorRunner.builder().parallelism(2).build().run(checks, context, DoctorListener.NOOP);
        assertThat(most.get()).isBetween(1, 2);
        assertThatThrownBy(() -> DoctorRunner.builder().parallelism(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cancellingStopsTheRunAndInterruptsTheRunningChecks() throws Exception {
        CancellationToken token = new CancellationToken();
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch sawCancel = new CountDownLatch(1);
        TestCheck waits = TestCheck.of("waits", c -> {
            running.countDown();
            while (!c.cancellation().isCancelled()) {
                Thread.onSpinWait();
            }
            sawCancel.countDown();
            return CheckResult.pass("cancelled");
        });
        Thread canceller = new Thread(() -> {
            try {
                running.await();
            } catch (InterruptedException e) {
                return;
            }
            token.cancel();
        });
        canceller.start();
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> DoctorRunner.create().run(List.of(waits, TestCheck.of("later", c -> CheckResult.pass("x"),
                "waits")), context.withCancellation(token), DoctorListener.NOOP))
                .isInstanceOf(CancelledException.class).hasMessageContaining("after 0 of 2");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(5_000);
        assertThat(sawCancel.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aListenerThatThrowsDoesNotBreakTheRun() {
        DoctorListener bad = new DoctorListener() {
            @Override
            public void finished(CheckOutcome outcome) {
                throw new IllegalStateException("listener bug");
            }
        };
        DoctorReport report = DoctorRunner.create().run(List.of(TestCheck.of("a", c -> CheckResult.pass("ok"))),
                context, bad);
        assertThat(report.outcomes()).singleElement().extracting(CheckOutcome::status).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void selectionKeepsPrerequisitesAndSkipsOnRequest() {
        TestCheck go = TestCheck.of("go", c -> CheckResult.pass("go"));
        TestCheck build = TestCheck.of("build", c -> CheckResult.pass("built"), "go");
        TestCheck proxy = TestCheck.of("proxy", c -> CheckResult.pass("proxy"));

        assertThat(CheckSelection.complete(List.of(proxy, build), List.of(build, proxy, go)))
                .extracting(ReadinessCheck::id).containsExactly("proxy", "go", "build");
        List<ReadinessCheck> all = List.of(go, build, proxy);
        assertThat(CheckSelection.select(all, List.of("build"), List.of())).extracting(ReadinessCheck::id)
                .containsExactly("go", "build");
        List<ReadinessCheck> skipping = CheckSelection.select(all, List.of(), List.of("go"));
        DoctorReport report = DoctorRunner.create().run(skipping, context, DoctorListener.NOOP);
        assertThat(report.outcomes()).extracting(o -> o.result().summary()).containsExactly(
                "not selected (skipped on request)",
                "prerequisite go was skipped: not selected (skipped on request)", "proxy");
        assertThatThrownBy(() -> CheckSelection.select(all, List.of("bild"), List.of()))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("--only")
                .hasMessageContaining("bild");
    }

    @Test
    void aConfiguredCheckRunsWithItsParametersUnderItsOwnId() {
        TestCheck echo = TestCheck.of("echo", c -> CheckResult.pass("said " + c.requiredParameter("word")));
        ConfiguredCheck configured = ConfiguredCheck.of(echo).withId("hello").withTitle("Say hello")
                .withParameters(Map.of("word", "hello")).withTimeout(Duration.ofSeconds(2));
        DoctorReport report = DoctorRunner.create().run(List.of(configured), context, DoctorListener.NOOP);
        assertThat(report.outcomes()).singleElement().satisfies(o -> {
            assertThat(o.id()).isEqualTo("hello");
            assertThat(o.title()).isEqualTo("Say hello");
            assertThat(o.result().summary()).isEqualTo("said hello");
        });
    }
}
