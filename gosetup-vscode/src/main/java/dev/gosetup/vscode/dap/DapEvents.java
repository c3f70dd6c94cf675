package dev.gosetup.vscode.dap;

import org.eclipse.lsp4j.debug.ExitedEventArguments;
import org.eclipse.lsp4j.debug.OutputEventArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.TerminatedEventArguments;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The client side of the DAP connection: the events the verification waits for, as futures, and
 * Delve's {@code output} events handed on line by line. LSP4J calls these on its one reading
 * thread, in the order Delve sent them (so an output event sent before an error response has
 * been handed on when the request's future fails).
 */
final class DapEvents implements IDebugProtocolClient {
    final CompletableFuture<Void> initialized = new CompletableFuture<>();
    final CompletableFuture<StoppedEventArguments> stopped = new CompletableFuture<>();
    final CompletableFuture<String> ended = new CompletableFuture<>();
    private final Consumer<String> output;

    DapEvents(Consumer<String> output) {
        this.output = output;
    }

    @Override
    public void initialized() {
        initialized.complete(null);
    }

    @Override
    public void stopped(StoppedEventArguments args) {
        stopped.complete(args);
    }

    @Override
    public void terminated(TerminatedEventArguments args) {
        ended.complete("terminated");
    }

    @Override
    public void exited(ExitedEventArguments args) {
        ended.complete("exited with status " + args.getExitCode());
    }

    @Override
    public void output(OutputEventArguments args) {
        String category = args.getCategory() == null ? "console" : args.getCategory();
        String text = args.getOutput() == null ? "" : args.getOutput();
        text.lines().forEach(line -> output.accept("[dap " + category + "] " + line));
    }
}
