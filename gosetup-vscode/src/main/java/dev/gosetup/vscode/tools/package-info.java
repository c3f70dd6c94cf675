/**
 * Go tools for editors: installing {@code dlv} and {@code gopls} (or any Go command) with
 * {@code go install PATH@VERSION} into a tools directory per toolchain, choosing a version that
 * supports the toolchain from a documented table ({@link dev.gosetup.vscode.tools.GoTool}), and
 * verifying the result with {@code go version -m}.
 */
package dev.gosetup.vscode.tools;
