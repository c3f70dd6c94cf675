/**
 * Contract tests for plugin authors: abstract JUnit 5 classes that a provider's own test class
 * extends, so that every provider (the built-in ones and a team's plugin alike) is held to the
 * same written contract of its SPI. {@link dev.gosetup.testkit.contract.TargetStoreContract},
 * {@link dev.gosetup.testkit.contract.EnvironmentStoreContract},
 * {@link dev.gosetup.testkit.contract.ReadinessCheckContract} and
 * {@link dev.gosetup.testkit.contract.ToolchainInstallerContract}.
 */
package dev.gosetup.testkit.contract;
