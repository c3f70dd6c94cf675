package dev.gosetup.wsl;

import java.util.List;
import java.util.Objects;

/**
 * The distributions registered for the Windows user, as the registry keeps them under
 * {@code HKCU\Software\Microsoft\Windows\CurrentVersion\Lxss\{GUID}} ({@code DistributionName},
 * {@code Version}) with the default's GUID in {@code Lxss\DefaultDistribution}. The reading itself
 * belongs to the Windows host code ({@code dev.gosetup.wsl.windows}); this is the small read the WSL
 * client needs, so that it can name distributions when {@code wsl.exe}'s output cannot be read.
 */
public interface DistroRegistry {

    /**
     * One registered distribution.
     *
     * @param guid its key under {@code Lxss}, e.g. {@code {0b2d8d8c-...}}
     * @param name its {@code DistributionName}
     * @param version its {@code Version} value, 1 or 2
     * @param isDefault whether {@code DefaultDistribution} names it
     */
    record Entry(String guid, String name, int version, boolean isDefault) {
        /** Validates the components. */
        public Entry {
            Objects.requireNonNull(guid, "guid");
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * Lists the registered distributions.
     *
     * @return the entries, in registry order; empty when there are none
     * @throws dev.gosetup.api.GoSetupException when the registry cannot be read
     */
    List<Entry> distributions();
}
