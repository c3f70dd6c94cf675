package dev.gosetup.core.process;

/**
 * Hears a running process's output line by line, while the process runs.
 *
 * <p>Called on the two threads that read standard output and standard error, so calls for the
 * two streams may happen concurrently; calls for one stream come in order. A line is decoded as
 * UTF-8 without its terminator ({@code \n} or {@code \r\n}); a last line without a terminator is
 * delivered too. Implementations should return quickly: the process blocks when its pipe fills.
 * An exception thrown by the listener is logged and the output keeps being read and captured.
 */
@FunctionalInterface
public interface OutputListener {

    /** Hears nothing. */
    OutputListener NONE = (stream, line) -> { };

    /** Which of the process's output streams a line came from. */
    enum Stream {
        /** Standard output. */
        STDOUT,
        /** Standard error. */
        STDERR
    }

    /**
     * Receives one line of output.
     *
     * @param stream the stream it came from
     * @param line the line, without its terminator
     */
    void line(Stream stream, String line);
}
