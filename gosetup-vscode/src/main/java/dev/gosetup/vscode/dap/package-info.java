/**
 * Breakpoint verification through Delve's Debug Adapter Protocol server, the way VS Code drives
 * it: {@link dev.gosetup.vscode.dap.BreakpointVerifier} starts {@code dlv dap}, speaks DAP through
 * Eclipse LSP4J's client, sets a breakpoint, waits for it to be hit, reads a local variable and
 * lets the program finish, recording every step ({@link dev.gosetup.vscode.dap.DebugVerification}).
 * {@link dev.gosetup.vscode.dap.DebuggerCheck} is the {@code debugger} doctor check built on it.
 */
package dev.gosetup.vscode.dap;
