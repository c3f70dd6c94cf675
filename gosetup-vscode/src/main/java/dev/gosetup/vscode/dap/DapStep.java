package dev.gosetup.vscode.dap;

import java.time.Duration;

/**
 * The steps of a breakpoint verification, in the order they run, each with its default timeout.
 * The labels are DAP's request and event names where there is one.
 */
public enum DapStep {
    /** {@code dlv version}: which Delve, and whether it supports the Go version. */
    VERSION("dlv version", Duration.ofSeconds(20)),
    /** {@code dlv dap --listen 127.0.0.1:0} starts and prints its address. */
    START("start dlv dap", Duration.ofSeconds(20)),
    /** The TCP connection to that address. */
    CONNECT("connect", Duration.ofSeconds(10)),
    /** The {@code initialize} request. */
    INITIALIZE("initialize", Duration.ofSeconds(10)),
    /** The {@code launch} request (Delve builds the program here) and the {@code initialized} event. */
    LAUNCH("launch", Duration.ofMinutes(3)),
    /** The {@code setBreakpoints} request; the breakpoint must come back verified. */
    SET_BREAKPOINTS("setBreakpoints", Duration.ofSeconds(10)),
    /** The {@code configurationDone} request, which starts the program. */
    CONFIGURATION_DONE("configurationDone", Duration.ofSeconds(10)),
    /** The {@code stopped} event with reason {@code breakpoint}. */
    STOPPED("stopped", Duration.ofSeconds(60)),
    /** The {@code stackTrace} request; the top frame must be the breakpoint's file and line. */
    STACK_TRACE("stackTrace", Duration.ofSeconds(10)),
    /** The {@code scopes} request; there must be a Locals scope. */
    SCOPES("scopes", Duration.ofSeconds(10)),
    /** The {@code variables} request; the local must have the expected value. */
    VARIABLES("variables", Duration.ofSeconds(10)),
    /** The {@code continue} request. */
    CONTINUE("continue", Duration.ofSeconds(10)),
    /** The {@code terminated} (or {@code exited}) event: the program ran to its end. */
    TERMINATED("terminated", Duration.ofSeconds(30));

    private final String label;
    private final Duration defaultTimeout;

    DapStep(String label, Duration defaultTimeout) {
        this.label = label;
        this.defaultTimeout = defaultTimeout;
    }

    /**
     * Returns the step's name in reports, e.g. {@code setBreakpoints}.
     *
     * @return the label
     */
    public String label() {
        return label;
    }

    /**
     * Returns how long the step may take unless the verifier is told otherwise.
     *
     * @return the timeout
     */
    public Duration defaultTimeout() {
        return defaultTimeout;
    }
}
