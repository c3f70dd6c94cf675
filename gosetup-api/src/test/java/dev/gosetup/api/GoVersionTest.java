package dev.gosetup.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoVersionTest {

    /** Real release names from go.dev's index, in the order they were released within each line. */
    static final List<String> RELEASES_IN_ORDER = List.of(
            "go1", "go1.0.1", "go1.0.2", "go1.0.3",
            "go1.1rc2", "go1.1rc3", "go1.1", "go1.1.1", "go1.1.2",
            "go1.2rc2", "go1.2rc3", "go1.2rc4", "go1.2rc5", "go1.2", "go1.2.1", "go1.2.2",
            "go1.3beta1", "go1.3beta2", "go1.3rc1", "go1.3rc2", "go1.3", "go1.3.1", "go1.3.2", "go1.3.3",
            "go1.4beta1", "go1.4rc1", "go1.4rc2", "go1.4", "go1.4.1", "go1.4.2", "go1.4.3",
            "go1.5beta1", "go1.5beta2", "go1.5rc1", "go1.5", "go1.5.1",
            "go1.9beta1", "go1.9beta2", "go1.9rc1", "go1.9rc2", "go1.9", "go1.9.1", "go1.9.2rc2", "go1.9.2",
            "go1.9.3",
            "go1.10beta1", "go1.10beta2", "go1.10rc1", "go1.10", "go1.10.1",
            "go1.16.15", "go1.17beta1", "go1.17rc1", "go1.17", "go1.19.13",
            "go1.20rc1", "go1.20rc2", "go1.20rc3", "go1.20", "go1.20.1", "go1.20.14",
            "go1.21rc2", "go1.21rc3", "go1.21rc4", "go1.21.0", "go1.21.1", "go1.21.13",
            "go1.22rc1", "go1.22rc2", "go1.22.0", "go1.22.1", "go1.22.5", "go1.22.12",
            "go1.23rc1", "go1.23rc2", "go1.23.0", "go1.23.1", "go1.23.4");

    @Test
    void sortsRealReleasesInReleaseOrder() {
        List<GoVersion> expected = RELEASES_IN_ORDER.stream().map(GoVersion::parse).collect(Collectors.toList());
        assertThat(expected).hasSizeGreaterThanOrEqualTo(40);
        for (long seed = 0; seed < 20; seed++) {
            List<GoVersion> shuffled = new ArrayList<>(expected);
            Collections.shuffle(shuffled, new Random(seed));
            Collections.sort(shuffled);
            assertThat(shuffled).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void everyPairOfRealReleasesComparesByReleaseOrder() {
        List<GoVersion> versions = RELEASES_IN_ORDER.stream().map(GoVersion::parse).collect(Collectors.toList());
        for (int i = 0; i < versions.size(); i++) {
            for (int j = 0; j < versions.size(); j++) {
                GoVersion a = versions.get(i);
                GoVersion b = versions.get(j);
                assertThat(Integer.signum(a.compareTo(b)))
                        .as("compare(%s, %s)", a, b)
                        .isEqualTo(Integer.compare(i, j));
                assertThat(a.equals(b)).as("%s equals %s", a, b).isEqualTo(i == j);
            }
        }
    }

    @Test
    void realReleaseNamesAreTheirOwnCanonicalForm() {
        for (String name : RELEASES_IN_ORDER) {
            assertThat(GoVersion.parse(name).toString()).isEqualTo(name);
            assertThat(GoVersion.parse(name.substring(2))).isEqualTo(GoVersion.parse(name));
        }
    }

    @ParameterizedTest(name = "{0} < {1}")
    @CsvSource({
        "1.21, 1.21rc1",
        "1.21rc1, 1.21.0",
        "1.21.0, 1.21.1",
        "1.21, 1.21.0",
        "1.20, 1.21rc1",
        "1.20rc1, 1.20",
        "1.20, 1.21",
        "1.22alpha1, 1.22beta1",
        "1.22beta1, 1.22beta2",
        "1.22beta2, 1.22rc1",
        "1.22rc2, 1.22rc10",
        "1.22rc1, 1.22.0",
        "1.9.1, 1.9.2rc2",
        "1.9.2beta1, 1.9.2rc1",
        "1.9.2rc2, 1.9.2",
        "1.2.9, 1.10",
        "1.0rc1, 1",
        "1.99.99, 2",
        "0.1, 1"
    })
    void ordersLikeGo(String older, String newer) {
        GoVersion a = GoVersion.parse(older);
        GoVersion b = GoVersion.parse(newer);
        assertThat(a.compareTo(b)).isNegative();
        assertThat(b.compareTo(a)).isPositive();
        assertThat(a).isNotEqualTo(b);
    }

    @ParameterizedTest(name = "{0} == {1}")
    @CsvSource({
        "1, 1.0",
        "1, 1.0.0",
        "go1, 1.0.0",
        "1.20, 1.20.0",
        "go1.20, go1.20.0",
        "1.19, go1.19.0",
        "1.22.5, go1.22.5",
        "1.21rc2, go1.21rc2",
        "2, 2.0.0"
    })
    void equivalentSpellingsAreEqual(String x, String y) {
        GoVersion a = GoVersion.parse(x);
        GoVersion b = GoVersion.parse(y);
        assertThat(a).isEqualTo(b);
        assertThat(a.hashCode()).isEqualTo(b.hashCode());
        assertThat(a.compareTo(b)).isZero();
        assertThat(a.toString()).isEqualTo(b.toString());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "1.22.5, go1.22.5",
        "go1.22.5, go1.22.5",
        "1.20.0, go1.20",
        "1.20, go1.20",
        "1, go1",
        "1.0, go1",
        "1.0.0, go1",
        "1.0.3, go1.0.3",
        "1.21.0, go1.21.0",
        "1.21, go1.21",
        "1.22, go1.22",
        "1.21rc2, go1.21rc2",
        "1.21beta1, go1.21beta1",
        "1.9.2rc2, go1.9.2rc2",
        "1.20.0rc1, go1.20.0rc1",
        "1.22rc0, go1.22rc0",
        "2.0.0, go2",
        "999999999.1.2, go999999999.1.2"
    })
    void canonicalForm(String input, String canonical) {
        GoVersion v = GoVersion.parse(input);
        assertThat(v.toString()).isEqualTo(canonical);
        assertThat(GoVersion.parse(canonical)).isEqualTo(v);
    }

    @Test
    void languageVersionsFromGo121AreDistinctFromTheirDotZeroRelease() {
        GoVersion lang = GoVersion.parse("1.21");
        GoVersion release = GoVersion.parse("1.21.0");
        assertThat(lang).isNotEqualTo(release);
        assertThat(lang.isLanguageVersion()).isTrue();
        assertThat(lang.hasPatch()).isFalse();
        assertThat(lang.patch()).isEqualTo(GoVersion.NO_PATCH);
        assertThat(release.isLanguageVersion()).isFalse();
        assertThat(release.patch()).isZero();
        assertThat(GoVersion.parse("1.20").isLanguageVersion()).isFalse();
        assertThat(GoVersion.parse("1.20").hasPatch()).isTrue();
        assertThat(GoVersion.parse("1.21rc1").isLanguageVersion()).isFalse();
    }

    @Test
    void components() {
        GoVersion v = GoVersion.parse("go1.9.2rc2");
        assertThat(v.major()).isEqualTo(1);
        assertThat(v.minor()).isEqualTo(9);
        assertThat(v.patch()).isEqualTo(2);
        assertThat(v.kind()).isEqualTo(GoVersion.Kind.RC);
        assertThat(v.pre()).isEqualTo(2);
        assertThat(v.isPrerelease()).isTrue();
        assertThat(GoVersion.parse("1.23beta1").kind()).isEqualTo(GoVersion.Kind.BETA);
        assertThat(GoVersion.parse("1.23alpha1").kind()).isEqualTo(GoVersion.Kind.ALPHA);
        assertThat(GoVersion.parse("1.23.1").kind()).isEqualTo(GoVersion.Kind.NONE);
        assertThat(GoVersion.parse("1.23.1").isPrerelease()).isFalse();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "go1.22.5, go1.22",
        "go1.22rc1, go1.22",
        "go1.22, go1.22",
        "go1.21.0, go1.21",
        "go1.20.14, go1.20",
        "go1.20rc1, go1.20",
        "go1.0.3, go1",
        "go1, go1"
    })
    void language(String version, String language) {
        assertThat(GoVersion.parse(version).language()).hasToString(language);
        assertThat(GoVersion.parse(version).sameLanguage(GoVersion.parse(language))).isTrue();
    }

    @Test
    void languageGroupsMinorLines() {
        assertThat(GoVersion.parse("1.22rc1").sameLanguage(GoVersion.parse("1.22.12"))).isTrue();
        assertThat(GoVersion.parse("1.22.12").sameLanguage(GoVersion.parse("1.23rc1"))).isFalse();
        assertThat(GoVersion.parse("1.22.12").language()).isEqualTo(GoVersion.parse("1.22.0").language());
    }

    @Test
    void ofBuildsReleases() {
        assertThat(GoVersion.of(1, 22, 5)).isEqualTo(GoVersion.parse("go1.22.5"));
        assertThat(GoVersion.of(1, 20, 0)).hasToString("go1.20");
        assertThat(GoVersion.of(1, 21, 0)).hasToString("go1.21.0");
        assertThat(GoVersion.of(1, 0, 0)).hasToString("go1");
        assertThatThrownBy(() -> GoVersion.of(1, 22, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GoVersion.of(-1, 22, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void constructorNormalizesAndValidates() {
        assertThat(new GoVersion(1, 20, GoVersion.NO_PATCH, GoVersion.Kind.NONE, 0))
                .isEqualTo(GoVersion.of(1, 20, 0));
        assertThat(new GoVersion(1, 21, GoVersion.NO_PATCH, GoVersion.Kind.NONE, 0).patch())
                .isEqualTo(GoVersion.NO_PATCH);
        assertThat(new GoVersion(1, 20, GoVersion.NO_PATCH, GoVersion.Kind.RC, 1)).hasToString("go1.20rc1");
        assertThatThrownBy(() -> new GoVersion(1, 22, 0, GoVersion.Kind.NONE, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without a pre-release kind");
        assertThatThrownBy(() -> new GoVersion(1, 22, -2, GoVersion.Kind.NONE, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GoVersion(1, 22, 0, null, 0)).isInstanceOf(NullPointerException.class);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {
        "", "go", "1.", "1.x", "v1.22", "1.22.", "1.021", "01.22", "1.22.05", "1.22rc", "1.22rc01",
        "1.22-rc1", "1.22.5.1", " 1.22", "1.22 ", "1.22gamma1", "1.22RC1", "go 1.22", "Go1.22", "gogo1.22",
        "1..2", ".1", "1.22rc1rc2", "1.22rc1.1", "latest", "1.22+1", "1_22", "9999999999.1", "1.22.5beta",
        "1.2\u0663"
    })
    void rejectsMalformedVersions(String input) {
        assertThatThrownBy(() -> GoVersion.parse(input))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a Go version: \"" + input + "\"")
                .hasMessageContaining("expected forms like 1.22.5, go1.22.5, 1.22, 1.21rc2");
    }

    @Test
    void malformedMessagesSayWhatIsWrong() {
        assertThatThrownBy(() -> GoVersion.parse("1.021")).hasMessageContaining("leading zero in \"021\"");
        assertThatThrownBy(() -> GoVersion.parse("1.22gamma1")).hasMessageContaining("unknown pre-release kind \"gamma\"");
        assertThatThrownBy(() -> GoVersion.parse("1.22rc")).hasMessageContaining("needs a number");
        assertThatThrownBy(() -> GoVersion.parse("1.2222222222")).hasMessageContaining("too large");
    }
}
