package dev.gosetup.core.journal;

import dev.gosetup.api.spi.StoreContext;
import dev.gosetup.api.spi.TargetStore;
import dev.gosetup.testkit.contract.TargetStoreContract;
import java.util.Optional;

/** The published target-store contract, run against the {@code file} store. */
class FileTargetStoreContractTest extends TargetStoreContract {
    @Override
    protected TargetStore store() {
        return new FileTargetStore();
    }

    @Override
    protected String newTarget(StoreContext context) {
        return context.home().resolve(".vscode/settings.json").toString();
    }

    @Override
    protected Optional<String> makeReadOnly(String target, StoreContext context) throws Exception {
        return makeFileReadOnly(target);
    }
}
