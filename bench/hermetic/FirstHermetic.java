import dev.gosetup.api.VersionSpec;
import dev.gosetup.core.env.HermeticGo;

import java.util.Map;

/**
 * Child JVM of bench/hermetic.sh: times the first HermeticGo.create-style call from main's start,
 * then args[1] more calls; prints "first <micros>" and "later <micros>" lines. The store and version
 * come in through GOSETUP_HOME and args[0]; nothing goes to the network (the version is installed).
 * With args[2] = logging-up, System.Logger's back end is started before the clock starts; with
 * jul-up only java.util.logging is, as JUnit's own logging does before any test runs.
 */
public class FirstHermetic {
    /** This thread's time on a CPU (Linux: /proc/thread-self/schedstat), or 0 where unknown. */
    static long threadCpuNanos() {
        try (java.io.FileInputStream in = new java.io.FileInputStream("/proc/thread-self/schedstat")) {
            byte[] b = in.readNBytes(64);
            long n = 0;
            for (byte c : b) {
                if (c < '0' || c > '9') {
                    break;
                }
                n = n * 10 + (c - '0');
            }
            return n;
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 2 && args[2].equals("logging-up")) {
            // As in a JUnit run or an application that logs: System.Logger's back end is already up.
            System.getLogger("bench").isLoggable(System.Logger.Level.DEBUG);
        }
        if (args.length > 2 && args[2].equals("jul-up")) {
            java.util.logging.Logger.getLogger("bench").isLoggable(java.util.logging.Level.FINE);
        }
        long cpu = threadCpuNanos();
        long start = System.nanoTime();
        VersionSpec spec = VersionSpec.parse(args[0]);
        try (HermeticGo go = HermeticGo.builder().version(spec).build()) {
            long first = System.nanoTime() - start;
            long firstCpu = threadCpuNanos() - cpu;
            System.out.println("first " + first / 1000);
            // On a shared machine wall time swings with the load; the main thread's CPU time much less.
            System.out.println("cpu " + firstCpu / 1000);
        }
        int later = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        for (int i = 0; i < later; i++) {
            long t = System.nanoTime();
            try (HermeticGo go = HermeticGo.builder().version(spec).build()) {
                System.out.println("later " + (System.nanoTime() - t) / 1000);
            }
        }
    }
}
