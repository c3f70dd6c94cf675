package dev.gosetup.core.process;

import dev.gosetup.api.NotFoundException;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Finds the program a command name means in a given environment, the way a shell would: a name
 * with a directory separator is a path, any other name is looked up in that environment's
 * {@code PATH} (not the JVM's own), with {@code PATHEXT} on Windows. Stateless.
 */
public final class Executables {
    private Executables() {
    }

    /**
     * Finds a program.
     *
     * @param command a name such as {@code go}, or a path
     * @param environment the environment whose {@code PATH} (and {@code PATHEXT}) is searched;
     *     names are matched case-insensitively on Windows
     * @param windows whether to search the Windows way ({@code ;} separators, {@code PATHEXT})
     * @return the absolute path of an executable file
     * @throws NotFoundException naming the command and the directories searched when there is none
     */
    public static Path find(String command, Map<String, String> environment, boolean windows) {
        Objects.requireNonNull(command, "command");
        if (command.isEmpty()) {
            throw new NotFoundException("an empty command cannot be run", List.of("give the command to run"));
        }
        if (command.indexOf('/') >= 0 || (windows && command.indexOf('\\') >= 0)) {
            Path path = Path.of(command).toAbsolutePath();
            if (Files.isRegularFile(path) && Files.isExecutable(path)) {
                return path;
            }
            throw new NotFoundException(command + " is not an executable file",
                    List.of(Files.exists(path) ? "make " + path + " executable" : "check the path " + path));
        }
        List<String> searched = new ArrayList<>();
        List<Path> found = search(command, environment, windows, false, searched);
        if (!found.isEmpty()) {
            return found.get(0);
        }
        throw new NotFoundException(command + " was not found on PATH (" + String.join(windows ? ";" : ":", searched)
                + ")", List.of("install " + command + ", or give its full path"));
    }

    /**
     * Finds every program a command name could mean on an environment's {@code PATH}, in the
     * order a shell would try them: the first one is what {@link #find} returns, the others are
     * shadowed by it. Each {@code PATH} directory contributes at most one program (on Windows, the
     * first {@code PATHEXT} match); a directory listed twice is searched once.
     *
     * @param command a name such as {@code go}, without a directory
     * @param environment the environment whose {@code PATH} (and {@code PATHEXT}) is searched
     * @param windows whether to search the Windows way
     * @return the absolute paths of the executable files found; empty when there is none
     * @throws IllegalArgumentException when the command is empty or holds a directory separator
     */
    public static List<Path> findAll(String command, Map<String, String> environment, boolean windows) {
        Objects.requireNonNull(command, "command");
        if (command.isEmpty() || command.indexOf('/') >= 0 || (windows && command.indexOf('\\') >= 0)) {
            throw new IllegalArgumentException("\"" + command + "\" is not a command name to look up on PATH");
        }
        return search(command, environment, windows, true, new ArrayList<>());
    }

    private static List<Path> search(String command, Map<String, String> environment, boolean windows, boolean all,
            List<String> searched) {
        String pathVariable = variable(environment, "PATH", windows);
        List<String> extensions = new ArrayList<>(List.of(""));
        if (windows) {
            String pathext = variable(environment, "PATHEXT", true);
            for (String ext : (pathext.isEmpty() ? ".COM;.EXE;.BAT;.CMD" : pathext).split(";")) {
                if (!ext.isEmpty()) {
                    extensions.add(ext.toLowerCase(Locale.ROOT));
                }
            }
        }
        List<Path> found = new ArrayList<>();
        for (String dir : pathVariable.split(windows ? ";" : ":")) {
            if (dir.isEmpty() || searched.contains(dir)) {
                continue; // an empty entry means the working directory to a shell; never search it implicitly
            }
            searched.add(dir);
            for (String ext : extensions) {
                try {
                    Path candidate = Path.of(dir, command + ext);
                    if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                        found.add(candidate.toAbsolutePath());
                        if (!all) {
                            return found;
                        }
                        break;
                    }
                } catch (InvalidPathException e) {
                    break; // a PATH entry that is not a path on this system
                }
            }
        }
        return found;
    }

    private static String variable(Map<String, String> environment, String name, boolean windows) {
        for (Map.Entry<String, String> e : environment.entrySet()) {
            if (windows ? e.getKey().equalsIgnoreCase(name) : e.getKey().equals(name)) {
                return e.getValue();
            }
        }
        return "";
    }
}
