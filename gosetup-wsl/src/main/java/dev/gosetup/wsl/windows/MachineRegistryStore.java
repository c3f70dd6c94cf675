package dev.gosetup.wsl.windows;

/**
 * The {@code windows-registry-machine} store: the machine environment in
 * {@code HKLM\SYSTEM\CurrentControlSet\Control\Session Manager\Environment} ("System variables"),
 * which every user gets and whose {@code PATH} comes before the user's. Used only when asked for
 * ({@code gosetup env apply --machine}). Planning in a process that is not elevated fails with a
 * message saying how to run elevated, before anything is written. Otherwise the same contract as
 * {@link WindowsRegistryStore}; gosetup's record is {@code HKLM\SOFTWARE\gosetup\EnvironmentSettings}.
 */
public final class MachineRegistryStore extends RegistryEnvironmentStore {
    /** The machine environment key. */
    static final String MACHINE_ENVIRONMENT = "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment";

    /** Creates the store on the real registry; loads nothing until used. */
    public MachineRegistryStore() {
        this(new JnaRegistry());
    }

    MachineRegistryStore(WindowsRegistry registry) {
        super(registry, MACHINE_ENVIRONMENT, "HKLM\\SOFTWARE\\gosetup", "machine");
    }

    /**
     * Returns the id of this store.
     *
     * @return {@code "windows-registry-machine"}
     */
    @Override
    public String id() {
        return "windows-registry-machine";
    }
}
