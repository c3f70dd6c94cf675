package dev.gosetup.wsl;

import dev.gosetup.api.CheckContext;

import java.nio.file.Path;
import java.util.Map;

/** Prints {@link WslStatus} of the real root: what the end-to-end test runs in a faked WSL 2 namespace. */
public final class WslStatusMain {
    private WslStatusMain() {
    }

    /**
     * Prints the status.
     *
     * @param args the project directory, optional
     */
    public static void main(String[] args) {
        CheckContext context = CheckContext.of(System.getenv())
                .withParameters(args.length > 0 ? Map.of("project-dir", args[0]) : Map.of());
        WslStatus.inspect(Path.of("/"), context).lines().forEach(System.out::println);
    }
}
