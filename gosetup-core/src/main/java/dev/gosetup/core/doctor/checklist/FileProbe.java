package dev.gosetup.core.doctor.checklist;

import dev.gosetup.api.CheckContext;
import dev.gosetup.api.CheckResult;
import dev.gosetup.api.CheckStatus;
import dev.gosetup.core.env.DirectoryCheck;
import dev.gosetup.core.env.PrivateDirectories;
import dev.gosetup.core.doctor.checks.Hints;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code file:} probe of a checklist: a path exists (or must not), is a file or a directory,
 * is writable by the user running the doctor, and is owner-only as
 * {@link PrivateDirectories#checkOwnerOnly} judges it (no permission for group and others, or an
 * owner-only ACL on Windows). A leading {@code ~/} and {@code ${NAME}} are
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
        super(id, title.orElse("file " + spec.path()), category.orElse("files"),
                List.of(), timeout);
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
        boolean windows = context.host().isWindows();
        if (!spec.exists()) {
            return exists ? CheckResult.fail(path + " exists but should not").withHint("remove it: " + (windows
                    ? "Remove-Item -Recurse " + Hints.psQuote(path.toString()) : "rm -r " + path))
                    : CheckResult.pass(path + " does not exist, as expected");
        }
        if (!exists) {
            return CheckResult.fail(path + " does not exist")
                    .withHint(spec.type() == Type.DIRECTORY ? "create it: " + Hints.makeOwnerOnlyDirectory(path, windows)
                            : "create " + path);
        }
        if (spec.type() == Type.DIRECTORY && !Files.isDirectory(path)) {
            return CheckResult.fail(path + " is not a directory");
        }
        if (spec.type() == Type.FILE && !Files.isRegularFile(path)) {
            return CheckResult.fail(path + " is not a regular file");
        }
        CheckResult r = CheckResult.pass(path + " is as expected").withDetail("path", path);
        DirectoryCheck access = PrivateDirectories.checkOwnerOnly(path, context.userName());
        if (!access.permissions().isEmpty()) {
            r = r.withDetail("permissions", access.permissions());
        }
        if (spec.writable().isPresent() && Files.isWritable(path) != spec.writable().get()) {
            return r.withStatus(CheckStatus.FAIL, path + (spec.writable().get()
                    ? " is not writable by " + context.userName() : " is writable but should not be"))
                    .withHint(windows ? "attrib " + (spec.writable().get() ? "-R " : "+R ") + Hints.psQuote(path.toString())
                            : spec.writable().get() ? "chmod u+w " + path : "chmod a-w " + path);
        }
        if (spec.ownerOnly().orElse(false)) {
            if (access.ok() && access.permissions().isEmpty()) {
                return r.withStatus(CheckStatus.WARN, "cannot tell whether " + path
                        + " is owner-only: its file system has neither POSIX permissions nor ACLs");
            }
            if (!access.ok()) {
                return r.withStatus(CheckStatus.FAIL, access.problem() == DirectoryCheck.Problem.TOO_OPEN
                        ? path + " is not owner-only: its permissions are " + access.permissions()
                        : path + " is not owner-only: " + access.detail())
                        .withHint(windows ? Hints.ownerOnly(path, true) : ownerOnlyFix(access, path));
            }
        }
        return r;
    }

    private static String ownerOnlyFix(DirectoryCheck access, Path path) {
        return switch (access.problem()) {
            case NOT_OWNED -> "have its owner hand it over: sudo chown -R \"$(id -un)\" " + path;
            case OWNER_LACKS_ACCESS -> "chmod 700 " + path;
            default -> "chmod go-rwx " + path;
        };
    }

    static String expand(String path, CheckContext context) {
        String p = path;
        if (p.equals("~") || p.startsWith("~/")) {
            p = context.home() + p.substring(1);
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
