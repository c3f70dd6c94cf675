package dev.gosetup.core.doctor;

import dev.gosetup.api.CheckContext;
import dev.gosetup.api.CheckResult;
import dev.gosetup.api.CheckStatus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code file:} probe of a checklist: a path exists (or must not), is a file or a directory,
 * is writable by the user running the doctor, and is owner-only (no permission bits for group and
 * others, on file systems with POSIX permissions). A leading {@code ~/} and {@code ${NAME}} are
 * expanded from the context's environment.
 */
final class FileProbe extends Probe {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    enum Type {
        FILE, DIRECTORY, ANY;

        static Type parse(String text) {
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("type must be file, directory or any, got \"" + text + "\"");
            }
        }
    }

    record Spec(String path, Type type, boolean exists, Optional<Boolean> writable, Optional<Boolean> ownerOnly) {
        Spec {
            if (path.isBlank()) {
                throw new IllegalArgumentException("path must not be blank");
            }
        }
    }

    private final Spec spec;

    FileProbe(String id, Optional<String> title, Optional<String> category, Duration timeout, Spec spec) {
        super(id, title.orElse("file " + spec.path()), category.orElse("files"), timeout);
        this.spec = spec;
    }

    @Override
    protected CheckResult doCheck(CheckContext context) {
        Path path;
        try {
            path = Path.of(expand(spec.path(), context));
        } catch (IllegalArgumentException e) {
            return CheckResult.fail(e.getMessage()).withHint("set the variable, or write the path out");
        }
        boolean exists = Files.exists(path, LinkOption.NOFOLLOW_LINKS) || Files.exists(path);
        if (!spec.exists()) {
            return exists ? CheckResult.fail(path + " exists but should not").withHint("remove it: rm -r " + path)
                    : CheckResult.pass(path + " does not exist, as expected");
        }
        if (!exists) {
            return CheckResult.fail(path + " does not exist")
                    .withHint(spec.type() == Type.DIRECTORY ? "create it: mkdir -p -m 700 " + path : "create " + path);
        }
        if (spec.type() == Type.DIRECTORY && !Files.isDirectory(path)) {
            return CheckResult.fail(path + " is not a directory");
        }
        if (spec.type() == Type.FILE && !Files.isRegularFile(path)) {
            return CheckResult.fail(path + " is not a regular file");
        }
        CheckResult r = CheckResult.pass(path + " is as expected").withDetail("path", path);
        Optional<Set<PosixFilePermission>> permissions = permissions(path);
        if (permissions.isPresent()) {
            r = r.withDetail("permissions", PosixFilePermissions.toString(permissions.get()));
        }
        if (spec.writable().isPresent() && Files.isWritable(path) != spec.writable().get()) {
            return r.withStatus(CheckStatus.FAIL, path + (spec.writable().get()
                    ? " is not writable by " + System.getProperty("user.name") : " is writable but should not be"))
                    .withHint(spec.writable().get() ? "chmod u+w " + path : "chmod a-w " + path);
        }
        if (spec.ownerOnly().orElse(false)) {
            if (permissions.isEmpty()) {
                return r.withStatus(CheckStatus.WARN, "cannot tell whether " + path
                        + " is owner-only: its file system has no POSIX permissions");
            }
            Set<PosixFilePermission> open = EnumSet.copyOf(permissions.get());
            open.removeAll(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                    PosixFilePermission.OWNER_EXECUTE));
            if (!open.isEmpty()) {
                return r.withStatus(CheckStatus.FAIL, path + " is not owner-only: its permissions are "
                        + PosixFilePermissions.toString(permissions.get())).withHint("chmod go-rwx " + path);
            }
        }
        return r;
    }

    private static Optional<Set<PosixFilePermission>> permissions(Path path) {
        if (Files.getFileAttributeView(path, PosixFileAttributeView.class) == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.getPosixFilePermissions(path));
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    static String expand(String path, CheckContext context) {
        String p = path;
        if (p.equals("~") || p.startsWith("~/")) {
            p = context.variable(context.host().isWindows() ? "USERPROFILE" : "HOME")
                    .orElse(System.getProperty("user.home")) + p.substring(1);
        }
        Matcher m = VARIABLE.matcher(p);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = context.variable(name).orElseThrow(() -> new IllegalArgumentException(
                    "the path " + path + " uses ${" + name + "}, which is not set"));
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
