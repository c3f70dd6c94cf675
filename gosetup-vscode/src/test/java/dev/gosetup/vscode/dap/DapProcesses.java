package dev.gosetup.vscode.dap;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads /proc to find processes a verification may have left behind. */
final class DapProcesses {
    private DapProcesses() {
    }

    /** The pids of live processes whose working directory is {@code dir} or below it (dlv, go build, the debuggee). */
    static List<Long> workingIn(Path dir) throws IOException {
        Path real = dir.toRealPath();
        List<Long> found = new ArrayList<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path proc : procs) {
                try {
                    Path cwd = Files.readSymbolicLink(proc.resolve("cwd"));
                    if (cwd.startsWith(real) && !zombie(proc)) {
                        found.add(Long.parseLong(proc.getFileName().toString()));
                    }
                } catch (IOException | SecurityException e) {
                    // gone meanwhile, or a kernel thread
                }
            }
        }
        return found;
    }

    /** Whether a pid is a live (non-zombie) process. */
    static boolean alive(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid));
        return Files.exists(proc) && !zombie(proc);
    }

    private static boolean zombie(Path proc) {
        try {
            String stat = Files.readString(proc.resolve("stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return true;
        }
    }

    /** The pid of dlv from the start step's detail ("dlv dap (pid N) listening at ..."). */
    static long dlvPid(DebugVerification result) {
        String detail = result.step(DapStep.START).detail();
        int at = detail.indexOf("(pid ");
        return Long.parseLong(detail.substring(at + 5, detail.indexOf(')', at)));
    }
}
