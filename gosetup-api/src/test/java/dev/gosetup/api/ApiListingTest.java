package dev.gosetup.api;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * Makes every change of gosetup-api's public API visible in review: the public and protected
 * signatures of every public type are listed in {@code api/gosetup-api.api}, committed, and this
 * test fails when the compiled classes differ from it. After an intended change, run
 * {@code ./mvnw -pl gosetup-api test -Dtest=ApiListingTest -Dgosetup.updateApi=true} and commit
 * the new listing with the change. The lister, {@link ApiListing}, is shared with gosetup-core.
 */
class ApiListingTest {
    private static final Path LISTING = Path.of("api/gosetup-api.api");

    @Test
    void thePublicApiIsTheCommittedListing() throws Exception {
        ApiListing.assertMatches(LISTING, ApiListing.ofModule(GoVersion.class), "gosetup-api",
                "./mvnw -pl gosetup-api test -Dtest=ApiListingTest -Dgosetup.updateApi=true");
    }
}
