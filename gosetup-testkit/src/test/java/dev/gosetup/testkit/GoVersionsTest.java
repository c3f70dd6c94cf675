package dev.gosetup.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GoVersionsTest {

    @Test
    void ordersNumericallyWithPreReleasesBeforeTheRelease() {
        List<String> expected = List.of("go1.9", "go1.19.8", "go1.21beta1", "go1.21rc2", "go1.21.0", "go1.21.13",
                "go1.22.2", "go1.22.12", "go1.23.5", "go2", "devel +abc");
        List<String> shuffled = new ArrayList<>(expected);
        Collections.shuffle(shuffled, new Random(7));

        shuffled.sort(GoVersions.ASCENDING);

        assertThat(shuffled).containsExactlyElementsOf(expected);
    }

    @Test
    void betasAndReleaseCandidatesAreNotStable() {
        assertThat(GoVersions.isStable("go1.22.12")).isTrue();
        assertThat(GoVersions.isStable("go1.21.0")).isTrue();
        assertThat(GoVersions.isStable("go1.23rc1")).isFalse();
        assertThat(GoVersions.isStable("go1.21beta1")).isFalse();
        assertThat(GoVersions.isStable("devel")).isFalse();
    }
}
