package dev.gosetup.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import org.junit.jupiter.api.Test;

class GoSetupExceptionTest {

    @Test
    void aStackTraceShowsTheFixesWhileGetMessageStaysTheMessage() {
        GoSetupException e = new NotFoundException("no Go release matches \"1.99\"",
                List.of("see the releases with `gosetup list --remote`", "or pick latest"));
        assertThat(e.getMessage()).isEqualTo("no Go release matches \"1.99\"");
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace, true));
        // What a test report or a log shows: the message, then the fixes.
        assertThat(trace.toString()).startsWith(NotFoundException.class.getName() + ": no Go release matches \"1.99\""
                + System.lineSeparator() + "  fix: see the releases with `gosetup list --remote`"
                + System.lineSeparator() + "  fix: or pick latest");
        assertThat(new GoSetupException("plain", List.of()).toString()).isEqualTo(GoSetupException.class.getName()
                + ": plain");
    }
}
