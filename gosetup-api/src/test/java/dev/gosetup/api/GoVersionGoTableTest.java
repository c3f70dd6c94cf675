package dev.gosetup.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Go's own tables for {@code go/version}, copied row by row from
 * {@code /usr/lib/go-1.22/src/go/version/version_test.go} (Go 1.22.12): gosetup must answer as Go does.
 * CSV's empty quoted value {@code ''} is Go's empty string.
 */
class GoVersionGoTableTest {

    @ParameterizedTest(name = "Compare({0}, {1}) = {2}")
    @CsvSource(emptyValue = "", value = {
        "'', '', 0",
        "x, x, 0",
        "'', x, 0",
        "1, 1.1, 0",
        "go1, go1.1, -1",
        "go1.5, go1.6, -1",
        "go1.5, go1.10, -1",
        "go1.6, go1.6.1, -1",
        "go1.19, go1.19.0, 0",
        "go1.19rc1, go1.19, -1",
        "go1.20, go1.20.0, 0",
        "go1.20, go1.20.0-bigcorp, 0",
        "go1.20rc1, go1.20, -1",
        "go1.21, go1.21.0, -1",
        "go1.21, go1.21.0-bigcorp, -1",
        "go1.21, go1.21rc1, -1",
        "go1.21rc1, go1.21.0, -1",
        "go1.6, go1.19, -1",
        "go1.19, go1.19.1, -1",
        "go1.19rc1, go1.19, -1",
        "go1.19rc1, go1.19, -1",
        "go1.19rc1, go1.19.1, -1",
        "go1.19rc1, go1.19rc2, -1",
        "go1.19.0, go1.19.1, -1",
        "go1.19rc1, go1.19.0, -1",
        "go1.19alpha3, go1.19beta2, -1",
        "go1.19beta2, go1.19rc1, -1",
        "go1.1, go1.99999999999999998, -1",
        "go1.99999999999999998, go1.99999999999999999, -1"
    })
    void compareTable(String x, String y, int want) {
        assertThat(GoVersion.compare(x, y)).isEqualTo(want);
        assertThat(GoVersion.compare(y, x)).as("the reverse").isEqualTo(-want);
    }

    @ParameterizedTest(name = "Lang({0}) = {1}")
    @CsvSource(emptyValue = "", value = {
        "bad, ''",
        "go1.2rc3, go1.2",
        "go1.2.3, go1.2",
        "go1.2, go1.2",
        "go1, go1",
        "go222, go222.0",
        "go1.999testmod, go1.999"
    })
    void langTable(String in, String want) {
        assertThat(GoVersion.lang(in)).isEqualTo(want.isEmpty() ? Optional.empty() : Optional.of(want));
    }

    @ParameterizedTest(name = "IsValid({0}) = {1}")
    @CsvSource(emptyValue = "", value = {
        "'', false",
        "1.2.3, false",
        "go1.2rc3, true",
        "go1.2.3, true",
        "go1.999testmod, true",
        "go1.600+auto, false",
        "go1.22, true",
        "go1.21.0, true",
        "go1.21rc2, true",
        "go1.21, true",
        "go1.20.0, true",
        "go1.20, true",
        "go1.19, true",
        "go1.3, true",
        "go1.2, true",
        "go1, true"
    })
    void isValidTable(String in, boolean want) {
        assertThat(GoVersion.isValid(in)).isEqualTo(want);
    }

    /** Where both can read a name, the typed order and Go's string order agree. */
    @Test
    void typedOrderAgreesWithGoOnEveryValidPairOfRealReleases() {
        List<String> names = GoVersionTest.RELEASES_IN_ORDER.stream().filter(GoVersion::isValid)
                .collect(Collectors.toList());
        assertThat(names).doesNotContain("go1.9.2rc2"); // Go refuses pre-releases of patch releases
        assertThat(names).hasSizeGreaterThan(60);
        for (String x : names) {
            for (String y : names) {
                assertThat(Integer.signum(GoVersion.parse(x).compareTo(GoVersion.parse(y))))
                        .as("%s vs %s", x, y).isEqualTo(GoVersion.compare(x, y));
            }
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "go1.21.0-bigcorp, go1.21.0",
        "go1.22.5 X:boringcrypto, go1.22.5",
        "go1.22.5 X:boringcrypto\t, go1.22.5",
        "'  go1.23.4  ', go1.23.4",
        "go1.20-bigcorp, go1.20",
        "go1.21rc2-corp-2, go1.21rc2",
        "go1.22, go1.22",
        "go1.21.0-bigcorp+build.3, go1.21.0"
    })
    void readsToolchainNamesWithVendorSuffixes(String reported, String version) {
        assertThat(GoVersion.fromToolchain(reported)).contains(GoVersion.parse(version));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(emptyValue = "", value = {
        "''", "1.22.5", "devel go1.23-0a1b2c3 Tue Jan 2 2024", "go", "go1.999testmod", "gox1.2", "go1.22.5x",
        "go1.99999999999999999"
    })
    void toolchainNamesWithoutAReleaseAreEmpty(String reported) {
        assertThat(GoVersion.fromToolchain(reported)).isEmpty();
    }

    @Test
    void vendorSuffixesOrderAsTheirRelease() {
        assertThat(GoVersion.compare("go1.22.5-bigcorp", "go1.22.5")).isZero();
        assertThat(GoVersion.compare("go1.22.5-bigcorp", "go1.22.6")).isNegative();
        assertThat(GoVersion.fromToolchain("go1.21.0-bigcorp").orElseThrow())
                .isGreaterThan(GoVersion.parse("go1.21"))
                .isGreaterThan(GoVersion.parse("go1.21rc1"));
    }
}
