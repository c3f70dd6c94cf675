/**
 * VS Code and Delve: the debugger-configuration provider for VS Code, comment-preserving JSONC
 * edits of its settings, launch and extensions files, Go tools (dlv, gopls), and breakpoint
 * verification through Delve's Debug Adapter Protocol server.
 */
package dev.gosetup.vscode;
