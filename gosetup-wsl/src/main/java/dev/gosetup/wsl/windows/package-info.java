/**
 * The Windows host: the {@code windows-registry} and {@code windows-registry-machine} environment
 * stores (the registry's user and machine environment, PATH edited as a list), the
 * {@code powershell-profile} store, directory junctions for {@code gosetup use}, and the Windows
 * doctor checks ({@code powershell-execution-policy}, {@code windows-go-path}).
 *
 * <p>Everything Windows-only sits behind small package-private seams ({@code WindowsRegistry},
 * the check's PowerShell runner and file test) whose logic is tested on any host with in-memory
 * fakes and recorded outputs; the JNA code ({@code JnaRegistry}, {@link dev.gosetup.wsl.windows.JunctionLinker})
 * loads nothing until called and is tested only on Windows. The public types are the providers,
 * registered in {@code META-INF/services}.
 */
package dev.gosetup.wsl.windows;
