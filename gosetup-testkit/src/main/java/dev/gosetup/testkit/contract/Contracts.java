package dev.gosetup.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gosetup.api.spi.Provider;
import dev.gosetup.api.spi.ProviderRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** What the contracts share: the provider rules of {@link Provider} and a file-tree snapshot. */
final class Contracts {
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private Contracts() {
    }

    /** The id rules of {@link Provider#id()}, and discovery through {@link ProviderRegistry}. */
    static <T extends Provider> void isAWellFormedProvider(Class<T> type, Provider provider, boolean registered) {
        assertTrue(ID.matcher(provider.id()).matches(),
                "the id \"" + provider.id() + "\" must be lower-case words separated by '-'");
        if (registered) {
            ProviderRegistry<T> registry = ProviderRegistry.load(type, provider.getClass().getClassLoader());
            assertTrue(registry.byId(provider.id()).isPresent(), provider.getClass().getName() + " is not found by "
                    + "ServiceLoader as a " + type.getName() + ": list it in META-INF/services/" + type.getName()
                    + (registry.problems().isEmpty() ? "" : "; problems: " + registry.problems()));
            assertEquals(provider.getClass(), registry.byId(provider.id()).get().getClass(),
                    "another provider has the id " + provider.id());
        }
    }

    /** Every regular file under a directory with its bytes (Base64), symbolic links with their target. */
    static Map<String, String> snapshot(Path root) {
        Map<String, String> files = new TreeMap<>();
        if (!Files.exists(root)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                String name = root.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    files.put(name, "-> " + Files.readSymbolicLink(p));
                } else if (Files.isRegularFile(p)) {
                    files.put(name, Base64.getEncoder().encodeToString(Files.readAllBytes(p)));
                } else {
                    files.put(name + "/", "");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}
