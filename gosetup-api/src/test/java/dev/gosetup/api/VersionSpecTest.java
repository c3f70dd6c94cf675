package dev.gosetup.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VersionSpecTest {

    /** Real releases of go1.19 to go1.24rc2 as go.dev lists them (newest first), with their stability. */
    static final List<Release> INDEX = List.of(
            release("go1.24rc2", false),
            release("go1.24rc1", false),
            release("go1.23.4", true),
            release("go1.23.3", true),
            release("go1.23.2", true),
            release("go1.23.1", true),
            release("go1.23.0", true),
            release("go1.23rc2", false),
            release("go1.23rc1", false),
            release("go1.22.12", true),
            release("go1.22.10", true),
            release("go1.22.5", true),
            release("go1.22.1", true),
            release("go1.22.0", true),
            release("go1.22rc2", false),
            release("go1.22rc1", false),
            release("go1.21.13", true),
            release("go1.21.5", true),
            release("go1.21.1", true),
            release("go1.21.0", true),
            release("go1.21rc4", false),
            release("go1.21rc3", false),
            release("go1.21rc2", false),
            release("go1.20.14", true),
            release("go1.20.5", true),
            release("go1.20.1", true),
            release("go1.20", true),
            release("go1.20rc3", false),
            release("go1.20rc2", false),
            release("go1.20rc1", false),
            release("go1.19.13", true),
            release("go1.19.5", true),
            release("go1.19.1", true),
            release("go1.19", true),
            release("go1.19rc2", false),
            release("go1.19rc1", false),
            release("go1.19beta1", false),
            release("go1.18.10", true),
            release("go1.18", true),
            release("go1.18beta2", false));

    private static Release release(String version, boolean stable) {
        return new Release(GoVersion.parse(version), stable, List.of());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', value = {
        "1.22.5                     ; 1.22.5                    ; Exact",
        "go1.22.5                   ; 1.22.5                    ; Exact",
        "1.23rc1                    ; 1.23rc1                   ; Exact",
        "go1.9.2rc2                 ; 1.9.2rc2                  ; Exact",
        "1.20.0                     ; 1.20.0                    ; Exact",
        "1.0.0                      ; 1.0.0                     ; Exact",
        "1.21.0                     ; 1.21.0                    ; Exact",
        "1.22                       ; 1.22                      ; Line",
        "go1.22                     ; 1.22                      ; Line",
        "1.20                       ; 1.20                      ; Line",
        "1.22.x                     ; 1.22                      ; Line",
        "go1.22.x                   ; 1.22                      ; Line",
        "1.x                        ; 1.x                       ; Line",
        "1                          ; 1.x                       ; Line",
        "latest                     ; latest                    ; Latest",
        "stable                     ; latest                    ; Latest",
        "oldstable                  ; oldstable                 ; OldStable",
        "pre:latest                 ; pre:latest                ; Latest",
        "'  pre: 1.23  '            ; pre:1.23                  ; Line",
        "pre:oldstable              ; pre:oldstable             ; OldStable",
        ">=1.21 <1.23               ; >=1.21 <1.23              ; Range",
        ">=1.21,<1.23               ; >=1.21 <1.23              ; Range",
        "'>= 1.21 , < 1.23'         ; >=1.21 <1.23              ; Range",
        ">=go1.21   <=go1.22.5      ; >=1.21 <=1.22.5           ; Range",
        ">1.20 <1.21.0              ; >1.20 <1.21.0             ; Range",
        "=1.22.5                    ; =1.22.5                   ; Range",
        "^1.21                      ; ^1.21.0                   ; Range",
        "^1.21.3                    ; ^1.21.3                   ; Range",
        "~1.22.3                    ; ~1.22.3                   ; Range",
        "~1.22                      ; ~1.22.0                   ; Range",
        "~1.20                      ; ~1.20                     ; Range",
        "<1.20 || >=1.22 <1.23      ; <1.20 || >=1.22 <1.23     ; Range",
        "<1.20||>=1.22              ; <1.20 || >=1.22           ; Range",
        "pre:>=1.23rc1              ; pre:>=1.23rc1             ; Range"
    })
    void parsesAndNormalizes(String input, String normalized, String form) {
        VersionSpec spec = VersionSpec.parse(input);
        assertThat(spec.getClass().getSimpleName()).isEqualTo(form);
        assertThat(spec).hasToString(normalized);
        assertThat(VersionSpec.parse(spec.toString())).isEqualTo(spec);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {
        "", "   ", "pre:", "foo", "1.x.x", "1.22.5.x", "1.22rc1.x", "x", ".x", "v1.22", "1.22 || ", "|| 1.22",
        ">=", ">= ", ">=1.x", "1.22 1.23", ">=1.21 1.23", "1.22gamma1", ">>1.21", ">=<1.21", "1.021", "latest2",
        "LATEST", "1.22|1.23", "=>1.21", "^", "~v1.22", "1.22-rc1", "pre:pre:1.22", "1.22.", "go", "1.2x"
    })
    void rejectsMalformedSpecs(String input) {
        assertThatThrownBy(() -> VersionSpec.parse(input))
                .isInstanceOf(InvalidConfigurationException.class)
                .satisfies(e -> assertThat(((GoSetupException) e).resolutions()).isNotEmpty())
                .hasMessageContaining("not a Go version spec: \"" + input + "\"")
                .hasMessageContaining("accepted forms: 1.22.5, go1.22.5, 1.23rc1 (exact release); 1.22, 1.22.x,"
                        + " 1.x (newest stable of a line); latest, stable, oldstable; ranges like");
    }

    @Test
    void rangeTermWithoutOperatorIsExplained() {
        assertThatThrownBy(() -> VersionSpec.parse(">=1.21 1.23"))
                .hasMessageContaining("range term \"1.23\" needs an operator");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', value = {
        // exact
        "1.22.5                 ; go1.22.5",
        "go1.22.5               ; go1.22.5",
        "1.22.7                 ; ",
        "1.23rc1                ; go1.23rc1",
        "1.20.0                 ; go1.20",
        "1.21.0                 ; go1.21.0",
        // lines: newest stable of the line
        "1.22                   ; go1.22.12",
        "go1.22                 ; go1.22.12",
        "1.22.x                 ; go1.22.12",
        "1.20                   ; go1.20.14",
        "1.19                   ; go1.19.13",
        "1.x                    ; go1.23.4",
        "1.24                   ; ",
        "pre:1.24               ; go1.24rc2",
        "pre:1.23               ; go1.23.4",
        "2.x                    ; ",
        "1.17                   ; ",
        // latest, oldstable
        "latest                 ; go1.23.4",
        "stable                 ; go1.23.4",
        "pre:latest             ; go1.24rc2",
        "oldstable              ; go1.22.12",
        "pre:oldstable          ; go1.22.12",
        // ranges
        ">=1.21 <1.23           ; go1.22.12",
        ">=1.21, <1.22          ; go1.21.13",
        "<1.21                  ; go1.20.14",
        "<=1.19                 ; go1.19",
        "<1.19                  ; go1.18.10",
        ">1.22.12 <1.23.1       ; go1.23.0",
        "=1.22.5                ; go1.22.5",
        "=1.22                  ; ",
        ">=1.25                 ; ",
        ">=1.24rc1              ; ",
        "pre:>=1.24rc1          ; go1.24rc2",
        "pre:>=1.21 <1.21.0     ; go1.21rc4",
        ">=1.21 <1.21.0         ; ",
        "<1.20                  ; go1.19.13",
        "pre:<1.20              ; go1.20rc3",
        "pre:<1.20rc3           ; go1.20rc2",
        "^1.21                  ; go1.23.4",
        "^1.18.10               ; go1.23.4",
        "~1.22.3                ; go1.22.12",
        "~1.22                  ; go1.22.12",
        "~1.21.13               ; go1.21.13",
        "~1.21.14               ; ",
        "pre:~1.24              ; ",
        "<1.20 || >=1.22 <1.23  ; go1.22.12",
        "<1.20 || >=1.21 <1.22  ; go1.21.13",
        "<1.18 || >=1.26        ; "
    })
    void resolvesAgainstARealisticIndex(String spec, String expected) {
        Optional<Release> picked = VersionSpec.parse(spec).resolve(INDEX);
        if (expected == null) {
            assertThat(picked).isEmpty();
        } else {
            assertThat(picked).map(Release::version).map(GoVersion::toString).contains(expected);
        }
    }

    @Test
    void resolutionDoesNotDependOnTheIndexOrder() {
        List<Release> shuffled = new ArrayList<>(INDEX);
        Collections.shuffle(shuffled, new Random(42));
        for (String spec : List.of("latest", "oldstable", "1.22", "pre:latest", "^1.21", "1.20.0")) {
            assertThat(VersionSpec.parse(spec).resolve(shuffled)).isEqualTo(VersionSpec.parse(spec).resolve(INDEX));
        }
    }

    @Test
    void nothingResolvesAgainstAnEmptyIndex() {
        for (String spec : List.of("latest", "pre:latest", "oldstable", "1.22", "1.22.5", ">=1.0")) {
            assertThat(VersionSpec.parse(spec).resolve(List.of())).isEmpty();
        }
    }

    @Test
    void oldstableNeedsAnOlderLine() {
        List<Release> oneLine = List.of(release("go1.23.1", true), release("go1.23.0", true), release("go1.24rc1", false));
        assertThat(VersionSpec.parse("oldstable").resolve(oneLine)).isEmpty();
        assertThat(VersionSpec.parse("oldstable").resolve(List.of(release("go1.24rc1", false)))).isEmpty();
    }

    @Test
    void stabilityIsDecidedByTheIndex() {
        // A release the index does not mark stable is skipped even though its name looks final.
        List<Release> index = List.of(release("go1.23.1", false), release("go1.23.0", true));
        assertThat(VersionSpec.parse("latest").resolve(index)).map(Release::version).contains(GoVersion.parse("1.23.0"));
        assertThat(VersionSpec.parse("1.23.1").resolve(index)).map(Release::version).contains(GoVersion.parse("1.23.1"));
    }

    @Test
    void withPrereleasesWidensEveryFormButExact() {
        VersionSpec line = VersionSpec.parse("1.24");
        assertThat(line.allowsPrereleases()).isFalse();
        assertThat(line.withPrereleases().allowsPrereleases()).isTrue();
        assertThat(line.withPrereleases()).isEqualTo(VersionSpec.parse("pre:1.24")).hasToString("pre:1.24");
        assertThat(line.withPrereleases().resolve(INDEX)).map(r -> r.version().toString()).contains("go1.24rc2");

        assertThat(VersionSpec.latest()).isEqualTo(VersionSpec.parse("latest"));
        assertThat(VersionSpec.latest().withPrereleases()).hasToString("pre:latest");
        assertThat(VersionSpec.parse("oldstable").withPrereleases()).hasToString("pre:oldstable");
        assertThat(VersionSpec.parse(">=1.24rc1").withPrereleases().resolve(INDEX))
                .map(r -> r.version().toString()).contains("go1.24rc2");

        VersionSpec exact = VersionSpec.parse("1.22.5");
        assertThat(exact.withPrereleases()).isSameAs(exact);
        assertThat(exact.allowsPrereleases()).isFalse();
        assertThat(VersionSpec.parse("1.23rc1").allowsPrereleases()).isTrue();
    }

    @Test
    void exactRejectsLanguageVersions() {
        assertThatThrownBy(() -> new VersionSpec.Exact(GoVersion.parse("1.22")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("go1.22 is a language version, not a release");
        assertThat(new VersionSpec.Exact(GoVersion.parse("1.20"))).hasToString("1.20.0");
    }

    @Test
    void rangeComponentsAndContains() {
        VersionSpec.Range range = (VersionSpec.Range) VersionSpec.parse("^1.21 || =1.9.2rc2");
        assertThat(range.alternatives()).hasSize(2);
        assertThat(range.alternatives().get(0))
                .containsExactly(new VersionSpec.Constraint(VersionSpec.Operator.CARET, GoVersion.parse("1.21.0")));
        assertThat(range.contains(GoVersion.parse("1.21rc2"))).isFalse();
        assertThat(range.contains(GoVersion.parse("1.21.0"))).isTrue();
        assertThat(range.contains(GoVersion.parse("1.99.0"))).isTrue();
        // ^ keeps to its major version: the next major's pre-releases sort below 2.0.0 but are not 1.x.
        assertThat(range.contains(GoVersion.parse("2.0rc1"))).isFalse();
        assertThat(range.contains(GoVersion.parse("2.0.0"))).isFalse();
        assertThat(range.contains(GoVersion.parse("1.9.2rc2"))).isTrue();
        assertThatThrownBy(() -> new VersionSpec.Range(List.of(), false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VersionSpec.Range(List.of(List.of()), false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tildeKeepsToTheMinorLine() {
        VersionSpec.Range tilde = (VersionSpec.Range) VersionSpec.parse("~1.22.3");
        assertThat(tilde.contains(GoVersion.parse("1.22.2"))).isFalse();
        assertThat(tilde.contains(GoVersion.parse("1.22.3"))).isTrue();
        assertThat(tilde.contains(GoVersion.parse("1.22.99"))).isTrue();
        assertThat(tilde.contains(GoVersion.parse("1.23rc1"))).isFalse();
        assertThat(tilde.contains(GoVersion.parse("1.23.0"))).isFalse();
    }

    @Test
    void languageVersionBoundsFollowGoOrder() {
        VersionSpec.Range range = (VersionSpec.Range) VersionSpec.parse(">=1.21 <1.23");
        assertThat(range.contains(GoVersion.parse("1.21rc2"))).isTrue();
        assertThat(range.contains(GoVersion.parse("1.22.99"))).isTrue();
        assertThat(range.contains(GoVersion.parse("1.23rc1"))).isFalse();
        assertThat(range.contains(GoVersion.parse("1.20.14"))).isFalse();
    }

    @Test
    void lineComponents() {
        assertThat(VersionSpec.parse("1.22")).isEqualTo(new VersionSpec.Line(1, 22, false));
        assertThat(VersionSpec.parse("1.x")).isEqualTo(new VersionSpec.Line(1, VersionSpec.Line.ANY_MINOR, false));
        assertThatThrownBy(() -> new VersionSpec.Line(1, -2, false)).isInstanceOf(IllegalArgumentException.class);
    }
}
