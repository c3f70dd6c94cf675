package dev.gosetup.core.persist;

import dev.gosetup.api.Platform;
import dev.gosetup.api.spi.EnvironmentStore;
import dev.gosetup.api.spi.StoreContext;
import dev.gosetup.testkit.contract.EnvironmentStoreContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** The published environment-store contract, run against Go's env file with the user's own lines in it. */
class GoEnvFileStoreContractTest extends EnvironmentStoreContract {
    @Override
    protected EnvironmentStore store() {
        return new GoEnvFileStore();
    }

    @Override
    protected StoreContext context(Path home) {
        return new StoreContext(home, Map.of("HOME", home.toString()), Platform.parse("linux-amd64"));
    }

    @Override
    protected void seed(Path home, StoreContext context) throws Exception {
        Path env = Files.createDirectories(home.resolve(".config/go")).resolve("env");
        // Variables of the user that gosetup does not set; one gosetup sets is gosetup's to replace (the journal restores it).
        Files.writeString(env, "# mine\r\nGOPRIVATE=*.corp\r\nlower=1\nGONOSUMDB=x.example.com");
    }

    @Override
    protected final Optional<String> makeReadOnly(String target, StoreContext context) throws Exception {
        return makeFileReadOnly(target);
    }
}
