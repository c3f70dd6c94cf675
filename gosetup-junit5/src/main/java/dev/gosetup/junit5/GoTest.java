package dev.gosetup.junit5;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test a ready, hermetic Go environment ({@link dev.gosetup.core.env.HermeticGo}) of a Go
 * version: parameters and non-final fields of type {@code HermeticGo}, {@code GoEnvironment},
 * {@code Toolchain} or {@code GoRunner} are injected.
 *
 * <pre>{@code
 * @GoTest(version = "1.22")
 * class BuildTest {
 *     @Test
 *     void builds(HermeticGo go, @TempDir Path module) {
 *         // write a module, then
 *         go.runner().in(module).go("test", "./...").requireSuccess();
 *     }
 * }
 * }</pre>
 *
 * <p>On a class, one environment is shared by the class's tests (and its {@code @Nested}
 * classes) by default, or each test gets its own with {@code scope = Scope.METHOD}. On a method,
 * the method gets its own. Environments are deleted when their class or method finishes. The
 * toolchain comes from the best {@code ToolchainInstaller} provider, or the one whose id the
 * JUnit configuration parameter {@value GoExtension#INSTALLER_PARAMETER} names; see
 * {@link GoExtension}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(GoExtension.class)
public @interface GoTest {

    /**
     * Returns the Go version, as {@code VersionSpec.parse} reads it.
     *
     * @return e.g. {@code "1.22"} (newest 1.22.x), {@code "go1.22.5"} or {@code "latest"}
     */
    String version();

    /**
     * Returns how long one environment lives when the annotation is on a class; ignored on a
     * method, whose environment is always its own.
     *
     * @return {@link Scope#CLASS} by default
     */
    Scope scope() default Scope.CLASS;

    /**
     * Returns the GOPROXY of the environment.
     *
     * @return {@code "off"} by default: no network
     */
    String proxy() default "off";

    /**
     * Returns more variables for the environment, each {@code NAME=VALUE}, e.g.
     * {@code "CGO_ENABLED=0"}; they override the hermetic defaults.
     *
     * @return the variables; none by default
     */
    String[] env() default {};

    /** How long one environment lives. */
    enum Scope {
        /** One environment for all tests of the annotated class, deleted after the class. */
        CLASS,
        /** One environment per test method, deleted after the method. */
        METHOD
    }
}
