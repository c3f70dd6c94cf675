/**
 * WSL2: detection and checks inside a distribution, {@code wsl.conf} and {@code .wslconfig}
 * edits, path translation between Windows and the distribution, and the {@code wsl.exe} client.
 * The Windows host itself is {@code dev.gosetup.wsl.windows}.
 */
package dev.gosetup.wsl;
