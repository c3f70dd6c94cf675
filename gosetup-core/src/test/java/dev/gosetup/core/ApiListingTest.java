package dev.gosetup.core;

import dev.gosetup.api.ApiListing;
import dev.gosetup.core.doctor.DoctorRunner;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * Makes every change of gosetup-core's public API visible in review, as gosetup-api's test of the
 * same name does: {@code api/gosetup-core.api} lists the module's {@code exports} lines (qualified
 * ones too) and every public and protected signature of the packages exported to everyone; this
 * test fails when the compiled classes differ. After an intended change run
 * {@code ./mvnw -B -q -pl gosetup-core -am test -Dtest=ApiListingTest -Dsurefire.failIfNoSpecifiedTests=false -Dgosetup.updateApi=true}
 * and commit the listing with the change.
 */
class ApiListingTest {
    private static final Path LISTING = Path.of("api/gosetup-core.api");

    @Test
    void thePublicApiIsTheCommittedListing() throws Exception {
        ApiListing.assertMatches(LISTING, ApiListing.moduleHeader(DoctorRunner.class)
                        + ApiListing.ofModule(DoctorRunner.class), "gosetup-core",
                "./mvnw -B -q -pl gosetup-core -am test -Dtest=ApiListingTest "
                        + "-Dsurefire.failIfNoSpecifiedTests=false -Dgosetup.updateApi=true");
    }
}
