package dev.gosetup.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void writesTheShortestUnitThatIsExactOrOneDecimalOfSeconds() {
        assertThat(Durations.human(Duration.ZERO)).isEqualTo("0ms");
        assertThat(Durations.human(Duration.ofNanos(999_999))).isEqualTo("0ms");
        assertThat(Durations.human(Duration.ofMillis(999))).isEqualTo("999ms");
        assertThat(Durations.human(Duration.ofSeconds(1))).isEqualTo("1s");
        assertThat(Durations.human(Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThat(Durations.human(Duration.ofMillis(10_340))).isEqualTo("10.3s");
        assertThat(Durations.human(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(Durations.human(Duration.ofMinutes(2))).isEqualTo("2m");
        assertThat(Durations.human(Duration.ofHours(1))).isEqualTo("60m");
    }

    @Test
    void theDecimalPointIsAPointWhateverTheDefaultLocale() {
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.GERMANY);
            assertThat(Durations.human(Duration.ofMillis(2500))).isEqualTo("2.5s");
        } finally {
            java.util.Locale.setDefault(before);
        }
    }
}
