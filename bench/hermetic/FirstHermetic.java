import dev.gosetup.api.VersionSpec;
import dev.gosetup.core.env.HermeticGo;

import java.util.Map;

/**
 * Child JVM of bench/hermetic.sh: times the first HermeticGo.create-style call from main's start,
 * then args[1] more calls; prints "first <micros>" and "later <micros>" lines. The store and version
 * come in through GOSETUP_HOME and args[0]; nothing goes to the network (the version is installed).
 * With args[2] = logging-up, System.Logger's back end is started before the clock starts.
 */
public class FirstHermetic {
    public static void main(String[] args) throws Exception {
        if (args.length > 2 && args[2].equals("logging-up")) {
            // As in a JUnit run or an application that logs: System.Logger's back end is already up.
            System.getLogger("bench").isLoggable(System.Logger.Level.DEBUG);
        }
        long start = System.nanoTime();
        VersionSpec spec = VersionSpec.parse(args[0]);
        try (HermeticGo go = HermeticGo.builder().version(spec).build()) {
            long first = System.nanoTime() - start;
            System.out.println("first " + first / 1000);
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
