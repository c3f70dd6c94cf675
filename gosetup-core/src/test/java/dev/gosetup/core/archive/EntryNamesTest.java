package dev.gosetup.core.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EntryNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"go", "go/", "go/bin/go", "./go/bin", "go//bin", "go/./bin/", ".", "./",
        "go/test/fixedbugs/issue27836.dir/Þfoo.go", "go/src/cmd/go/testdata/mod/rsc.io_!q!u!o!t!e_v1.5.2.txt",
        "go/.hidden", "go/..x", "go/x..y", "go/a b"})
    void acceptsOrdinaryNames(String name) {
        assertThat(EntryNames.entryProblem(name)).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|empty",
        "..|'..' segment",
        "../x|'..' segment",
        "go/../x|'..' segment",
        "go/..|'..' segment",
        "go/../|'..' segment",
        "/x|absolute path",
        "//x|absolute path",
        "C:x|drive letter",
        "C:/x|drive letter",
        "C:\\x|drive letter",
        "go\\x|backslash",
        "go\\..\\..\\x|backslash",
        "go/a:b|colon",
        "go/.../x|ends in a dot",
        "go/x.|ends in a dot",
        "'go/x '|ends in a dot or a space",
    })
    void refusesHostileNames(String name, String problem) {
        assertThat(EntryNames.entryProblem(name)).contains(problem);
    }

    @Test
    void refusesControlCharactersAndOverlongNames() {
        assertThat(EntryNames.entryProblem("go/a\u0000b")).contains("control character");
        assertThat(EntryNames.entryProblem("go/a\nb")).contains("control character");
        assertThat(EntryNames.entryProblem("go/a\u007fb")).contains("control character");
        assertThat(EntryNames.entryProblem("go/" + "a".repeat(EntryNames.MAX_LENGTH))).contains("longer than");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "go/bin/go|go/bin/go",
        "go/|go",
        "./go/bin|go/bin",
        "go//bin/./go|go/bin/go",
        "go/.|go",
        "./|''",
        ".|''",
    })
    void normalizes(String name, String normalized) {
        assertThat(EntryNames.normalize(name)).isEqualTo(normalized);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "go/lib/link|../bin/go|go/bin/go",
        "go/lib/link|./x/./y/|go/lib/x/y",
        "go/link|..|''",
        "link|.|''",
        "go/a/b/link|../../c|go/c",
    })
    void resolvesLinksInside(String link, String target, String resolved) {
        EntryNames.LinkResolution resolution = EntryNames.resolveLink(link, target, name -> false);
        assertThat(resolution.problem()).isNull();
        assertThat(resolution.name()).isEqualTo(resolved);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "go/link|../..",
        "link|..",
        "go/a/link|../../../x",
        "go/link|x/../../../y",
    })
    void refusesLinksClimbingOut(String link, String target) {
        assertThat(EntryNames.resolveLink(link, target, name -> false).problem()).contains("outside");
    }

    @Test
    void refusesLinksPassingThroughLinksButNotEndingAtOne() {
        Set<String> links = Set.of("go/x");
        assertThat(EntryNames.resolveLink("go/y", "x/..", links::contains).problem())
                .contains("passes through the symlink 'go/x'");
        assertThat(EntryNames.resolveLink("go/y", "x/sub", links::contains).problem()).isNotNull();
        assertThat(EntryNames.resolveLink("go/y", "x", links::contains).name()).isEqualTo("go/x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc", "C:/x", "a\\b", "", "x/.../y"})
    void refusesHostileLinkTargets(String target) {
        assertThat(EntryNames.linkTargetProblem(target)).isNotNull();
    }

    @Test
    void acceptsParentSegmentsInLinkTargetsForResolveLinkToJudge() {
        assertThat(EntryNames.linkTargetProblem("../bin/go")).isNull();
    }

    @Test
    void displaysHostileNamesHarmlessly() {
        assertThat(EntryNames.display("a\u001b[31mb\nc")).isEqualTo("a\\u001b[31mb\\u000ac");
        assertThat(EntryNames.display("right\u202eleft")).isEqualTo("right\\u202eleft");
        assertThat(EntryNames.display("it's")).isEqualTo("it\\'s");
        assertThat(EntryNames.display("x".repeat(1000))).hasSizeLessThan(250).endsWith("(1000 characters)");
    }
}
