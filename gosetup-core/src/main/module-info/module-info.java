/**
 * gosetup's default implementation: installing toolchains, environments, persistent settings
 * through the change journal, the doctor, module proxies. Embedders use the exported facade
 * packages; everything else is implementation.
 *
 * <p>Exported to everyone (the API listed in {@code api/gosetup-core.api} and checked by
 * {@code ApiListingTest}): {@code install}, {@code discover}, {@code env}, {@code process},
 * {@code persist}, {@code journal}, {@code proxy}, {@code http}, {@code doctor} and
 * {@code doctor.checklist}. Exported only to gosetup's own modules (not API, may change in any
 * release): {@code internal} and {@code doctor.checks}. Not exported: {@code archive} and
 * {@code sumdb}.
 *
 * <p>Providers are declared twice, here ({@code provides}, for the module path) and in
 * {@code META-INF/services} (for the class path, where this descriptor is ignored); the two lists
 * must stay the same, which {@code ModuleBoundaryTest} checks.
 */
@SuppressWarnings("module") // the qualified exports name gosetup modules that are built after this one
module dev.gosetup.core {
    requires transitive dev.gosetup.api;
    requires com.fasterxml.jackson.annotation;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires org.apache.commons.compress;
    requires java.net.http;
    requires jdk.httpserver;

    exports dev.gosetup.core.discover;
    exports dev.gosetup.core.doctor;
    exports dev.gosetup.core.doctor.checklist;
    exports dev.gosetup.core.env;
    exports dev.gosetup.core.http;
    exports dev.gosetup.core.install;
    exports dev.gosetup.core.journal;
    exports dev.gosetup.core.persist;
    exports dev.gosetup.core.process;
    exports dev.gosetup.core.proxy;

    exports dev.gosetup.core.doctor.checks to dev.gosetup.wsl, dev.gosetup.vscode;
    exports dev.gosetup.core.internal to dev.gosetup.cli, dev.gosetup.wsl, dev.gosetup.vscode, dev.gosetup.junit5;

    // Jackson binds the checklist's classes field by field.
    opens dev.gosetup.core.doctor.checklist to com.fasterxml.jackson.databind;

    uses dev.gosetup.api.spi.EnvironmentStore;
    uses dev.gosetup.api.spi.ProxyPresetProvider;
    uses dev.gosetup.api.spi.TargetStore;
    uses dev.gosetup.api.spi.ToolchainDiscovery;
    uses dev.gosetup.core.install.DirectoryLinker;

    provides dev.gosetup.api.spi.EnvironmentStore with
            dev.gosetup.core.persist.GoEnvFileStore,
            dev.gosetup.core.persist.PosixProfileStore,
            dev.gosetup.core.persist.FishStore,
            dev.gosetup.core.persist.EnvironmentDStore;
    provides dev.gosetup.api.spi.ProxyPresetProvider with
            dev.gosetup.core.proxy.BuiltInProxyPresets;
    provides dev.gosetup.api.spi.ReadinessCheck with
            dev.gosetup.core.doctor.checks.GoFoundCheck,
            dev.gosetup.core.doctor.checks.GoShadowingCheck,
            dev.gosetup.core.doctor.checks.BuildAndServeCheck,
            dev.gosetup.core.doctor.checks.ModuleProxyCheck,
            dev.gosetup.core.doctor.checks.GorootConsistentCheck,
            dev.gosetup.core.doctor.checks.GoEnvCheck,
            dev.gosetup.core.doctor.checks.GoDirectoriesCheck,
            dev.gosetup.core.doctor.checks.GoInstallsCheck,
            dev.gosetup.core.doctor.checks.GoToolchainSwitchCheck;
    provides dev.gosetup.api.spi.TargetStore with
            dev.gosetup.core.journal.FileTargetStore;
    provides dev.gosetup.api.spi.ToolchainDiscovery with
            dev.gosetup.core.discover.UsrLocalDiscovery,
            dev.gosetup.core.discover.DistroDiscovery,
            dev.gosetup.core.discover.GolangDlDiscovery,
            dev.gosetup.core.discover.GoToolchainModuleDiscovery,
            dev.gosetup.core.discover.GoenvDiscovery,
            dev.gosetup.core.discover.MiseDiscovery,
            dev.gosetup.core.discover.AsdfDiscovery,
            dev.gosetup.core.discover.GDiscovery,
            dev.gosetup.core.discover.GvmDiscovery,
            dev.gosetup.core.discover.HomebrewDiscovery,
            dev.gosetup.core.discover.ProgramFilesDiscovery,
            dev.gosetup.core.discover.ScoopDiscovery,
            dev.gosetup.core.discover.ChocolateyDiscovery,
            dev.gosetup.core.discover.PathDiscovery;
    provides dev.gosetup.api.spi.ToolchainInstaller with
            dev.gosetup.core.install.OfficialInstallerProvider;
}
