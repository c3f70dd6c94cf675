package dev.gosetup.wsl.windows;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.User32;
import com.sun.jna.platform.win32.W32Errors;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinDef;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinReg;
import com.sun.jna.platform.win32.WinUser;
import com.sun.jna.ptr.IntByReference;
import dev.gosetup.api.GoSetupException;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The real registry through JNA: {@code RegQueryValueEx} (which never expands, the same as
 * {@code RegGetValue} with {@code RRF_NOEXPAND}), {@code RegSetValueEx} for {@code REG_SZ} and
 * {@code REG_EXPAND_SZ}, {@code RegDeleteValue}, and {@code SendMessageTimeout} for the
 * {@code WM_SETTINGCHANGE} broadcast. Loads the Windows libraries on first use only, so creating
 * one anywhere is harmless; calling it off Windows fails with {@link UnsatisfiedLinkError}.
 */
final class JnaRegistry implements WindowsRegistry {
    private static final System.Logger LOG = System.getLogger(JnaRegistry.class.getName());
    /** {@code WM_SETTINGCHANGE}. */
    static final int WM_SETTINGCHANGE = 0x001A;
    static final int BROADCAST_TIMEOUT_MS = 5000;

    @Override
    public Optional<Value> read(String key, String name) {
        WinReg.HKEYByReference handle = new WinReg.HKEYByReference();
        int rc = Advapi32.INSTANCE.RegOpenKeyEx(root(key), Hive.subKey(key), 0, WinNT.KEY_READ, handle);
        if (rc == WinError.ERROR_FILE_NOT_FOUND) {
            return Optional.empty();
        }
        check(rc, "read", key, name);
        try {
            IntByReference type = new IntByReference();
            IntByReference size = new IntByReference();
            rc = Advapi32.INSTANCE.RegQueryValueEx(handle.getValue(), name, 0, type, (byte[]) null, size);
            if (rc == WinError.ERROR_FILE_NOT_FOUND) {
                return Optional.empty();
            }
            check(rc, "read", key, name);
            ValueType valueType = switch (type.getValue()) {
                case WinNT.REG_SZ -> ValueType.REG_SZ;
                case WinNT.REG_EXPAND_SZ -> ValueType.REG_EXPAND_SZ;
                default -> throw new GoSetupException(key + "\\" + name + " is not a string value (registry type "
                        + type.getValue() + ")", List.of("Delete or fix the value with regedit, then run gosetup again."));
            };
            byte[] data = new byte[Math.max(size.getValue(), 2)];
            size.setValue(data.length);
            check(Advapi32.INSTANCE.RegQueryValueEx(handle.getValue(), name, 0, type, data, size), "read", key, name);
            int length = size.getValue() & ~1;
            while (length >= 2 && data[length - 1] == 0 && data[length - 2] == 0) {
                length -= 2; // the terminating NUL(s), which a value may or may not have
            }
            return Optional.of(new Value(valueType, new String(data, 0, length, StandardCharsets.UTF_16LE)));
        } finally {
            Advapi32.INSTANCE.RegCloseKey(handle.getValue());
        }
    }

    @Override
    public void write(String key, String name, Value value) {
        try {
            Advapi32Util.registryCreateKey(root(key), Hive.subKey(key));
            if (value.type() == ValueType.REG_EXPAND_SZ) {
                Advapi32Util.registrySetExpandableStringValue(root(key), Hive.subKey(key), name, value.data());
            } else {
                Advapi32Util.registrySetStringValue(root(key), Hive.subKey(key), name, value.data());
            }
        } catch (Win32Exception e) {
            throw failed("write", key, name, e.getErrorCode(), e);
        }
    }

    @Override
    public void delete(String key, String name) {
        if (read(key, name).isEmpty()) {
            return;
        }
        try {
            Advapi32Util.registryDeleteValue(root(key), Hive.subKey(key), name);
        } catch (Win32Exception e) {
            throw failed("delete", key, name, e.getErrorCode(), e);
        }
    }

    @Override
    public List<String> valueNames(String key) {
        if (!Advapi32Util.registryKeyExists(root(key), Hive.subKey(key))) {
            return List.of();
        }
        return List.copyOf(new ArrayList<>(Advapi32Util.registryGetValues(root(key), Hive.subKey(key)).keySet()));
    }

    @Override
    public boolean canWrite(String key) {
        String sub = Hive.subKey(key);
        int access = WinNT.KEY_SET_VALUE;
        while (true) {
            WinReg.HKEYByReference handle = new WinReg.HKEYByReference();
            int rc = Advapi32.INSTANCE.RegOpenKeyEx(root(key), sub, 0, access, handle);
            if (rc == WinError.ERROR_SUCCESS) {
                Advapi32.INSTANCE.RegCloseKey(handle.getValue());
                return true;
            }
            if (rc != WinError.ERROR_FILE_NOT_FOUND || sub.indexOf('\\') < 0) {
                return false;
            }
            sub = sub.substring(0, sub.lastIndexOf('\\')); // a missing key: may we create it in its parent?
            access = WinNT.KEY_CREATE_SUB_KEY;
        }
    }

    @Override
    public void broadcastEnvironmentChange() {
        try {
            Memory environment = new Memory(("Environment".length() + 1) * Native.WCHAR_SIZE);
            environment.setWideString(0, "Environment");
            WinDef.HWND broadcast = new WinDef.HWND(Pointer.createConstant(0xFFFF));
            WinDef.DWORDByReference result = new WinDef.DWORDByReference();
            WinDef.LRESULT sent = User32.INSTANCE.SendMessageTimeout(broadcast, WM_SETTINGCHANGE, new WinDef.WPARAM(0),
                    new WinDef.LPARAM(Pointer.nativeValue(environment)), WinUser.SMTO_ABORTIFHUNG, BROADCAST_TIMEOUT_MS,
                    result);
            if (sent.longValue() == 0) {
                LOG.log(Level.DEBUG, () -> "WM_SETTINGCHANGE broadcast timed out or failed: error " + Native.getLastError());
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.DEBUG, () -> "WM_SETTINGCHANGE broadcast failed: " + e);
        }
    }

    private static WinReg.HKEY root(String key) {
        return Hive.of(key) == Hive.HKCU ? WinReg.HKEY_CURRENT_USER : WinReg.HKEY_LOCAL_MACHINE;
    }

    private static void check(int rc, String what, String key, String name) {
        if (rc != WinError.ERROR_SUCCESS) {
            throw failed(what, key, name, rc, new Win32Exception(rc));
        }
    }

    private static GoSetupException failed(String what, String key, String name, int code, Exception cause) {
        boolean denied = code == WinError.ERROR_ACCESS_DENIED;
        return new GoSetupException("cannot " + what + " " + key + "\\" + name + ": "
                + (denied ? "access denied" : cause.getMessage() + " (" + W32Errors.HRESULT_FROM_WIN32(code) + ")"),
                List.of(denied && Hive.of(key) == Hive.HKLM
                        ? "Run the command from an elevated terminal: right-click Windows Terminal or PowerShell, "
                                + "'Run as administrator'."
                        : "Check the key with regedit; a security product may be blocking changes to it."),
                cause);
    }
}
