package dev.gosetup.core.internal;

import java.net.ConnectException;
import java.nio.file.FileSystemException;
import java.util.Locale;

/**
 * Why something failed, in one line for messages people read: the one way gosetup turns an
 * exception into text. Stateless.
 */
public final class Failures {
    /** Cause chains longer than this are cycles or pathological; the walk stops there. */
    private static final int MAX_DEPTH = 32;

    private Failures() {
    }

    /**
     * Says why {@code failure} happened in one line: the first real message down the cause chain
     * (the JDK wraps the failure that matters in exceptions with no message of their own, or with
     * the cause's {@code toString()} as theirs: {@code ExecutionException}, {@code CompletionException},
     * {@code UncheckedIOException}); a file-system error whose message is only the file gets what
     * happened to it ({@code /x: access denied}); line breaks are folded into spaces. With no message
     * anywhere: {@code connection refused} for a {@link ConnectException}, else the simple name of the
     * innermost cause's type.
     *
     * @param failure what was thrown
     * @return one line, never blank
     */
    public static String oneLine(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++) {
            String message = t.getMessage();
            Throwable cause = t.getCause();
            boolean wrapperOnly = cause != null && cause != t && String.valueOf(message).equals(cause.toString());
            if (message != null && !message.isBlank() && !wrapperOnly) {
                if (t instanceof FileSystemException fse && fse.getReason() == null
                        && t.getClass() != FileSystemException.class) {
                    message = message + ": " + words(t.getClass().getSimpleName());
                }
                return message.strip().replaceAll("\\s*\\R\\s*", " ");
            }
            t = cause == t ? null : cause;
        }
        Throwable root = failure;
        t = failure;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++) {
            if (t instanceof ConnectException) {
                return "connection refused";
            }
            root = t;
            t = t.getCause() == t ? null : t.getCause();
        }
        return root.getClass().getSimpleName();
    }

    /** {@code AccessDeniedException} → {@code access denied}. */
    private static String words(String simpleName) {
        String name = simpleName.endsWith("Exception") ? simpleName.substring(0, simpleName.length() - 9) : simpleName;
        return name.replaceAll("(?<=[a-z])(?=[A-Z])", " ").toLowerCase(Locale.ROOT);
    }
}
