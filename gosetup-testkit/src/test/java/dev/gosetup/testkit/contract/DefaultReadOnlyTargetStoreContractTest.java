package dev.gosetup.testkit.contract;

import dev.gosetup.api.spi.StoreContext;
import dev.gosetup.api.spi.TargetStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The contract run against a store that keeps {@link TargetStore}'s default read-only methods, as
 * a registry-like store whose values cannot be read-only does: the built-in stores are all files,
 * so without this the contract's "no read-only targets" half would run against nothing. A test
 * double (not registered), keeping its values in memory like a registry does.
 */
class DefaultReadOnlyTargetStoreContractTest extends TargetStoreContract {
    private final Map<String, byte[]> values = new ConcurrentHashMap<>();

    @Override
    protected TargetStore store() {
        return new TargetStore() {
            @Override
            public String id() {
                return "in-memory-values";
            }

            @Override
            public Optional<byte[]> read(String target, StoreContext context) {
                return Optional.ofNullable(values.get(target)).map(byte[]::clone);
            }

            @Override
            public void write(String target, Optional<byte[]> content, StoreContext context) {
                content.ifPresentOrElse(c -> values.put(target, c.clone()), () -> values.remove(target));
            }
        };
    }

    @Override
    protected String newTarget(StoreContext context) {
        return "HKCU\\Environment\\GOPATH";
    }

    @Override
    protected boolean registered() {
        return false;
    }
}
