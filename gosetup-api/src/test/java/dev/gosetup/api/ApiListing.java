package dev.gosetup.api;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The public API of a compiled gosetup module as text, compared with a committed listing: every
 * public and protected signature of every public type of the packages the module exports to
 * everyone. Shared by the {@code ApiListingTest}s of gosetup-api and gosetup-core (through
 * gosetup-api's test jar, since gosetup-api cannot depend on the testkit, which depends on it).
 * With {@code -Dgosetup.updateApi=true} the listing is rewritten first, for intended changes.
 */
public final class ApiListing {
    private ApiListing() {
    }

    /**
     * Lists the public API of the packages a compiled module exports to everyone (not those
     * exported only {@code to} named modules).
     *
     * @param anyClass a class of the module, to find its classes directory
     * @return the listing, one block per public type, sorted
     * @throws Exception when the classes cannot be read or loaded
     */
    public static String ofModule(Class<?> anyClass) throws Exception {
        Path classes = classesOf(anyClass);
        return of(classes, anyClass.getClassLoader(), exportedPackages(classes)::contains);
    }

    /**
     * The module's declaration as the listing shows it: its name and every {@code exports} line,
     * qualified ones too, so that widening or narrowing the boundary shows in review.
     *
     * @param anyClass a class of the module, to find its classes directory
     * @return the lines, e.g. {@code exports dev.gosetup.core.internal to dev.gosetup.cli}
     * @throws Exception when the module descriptor cannot be read
     */
    public static String moduleHeader(Class<?> anyClass) throws Exception {
        ModuleDescriptor module = descriptor(classesOf(anyClass));
        StringBuilder out = new StringBuilder("module " + module.name() + " {\n");
        module.exports().stream().map(e -> "  exports " + e.source()
                + (e.isQualified() ? " to " + String.join(", ", new TreeSet<>(e.targets())) : ""))
                .sorted().forEach(l -> out.append(l).append('\n'));
        return out.append("}\n").toString();
    }

    /**
     * Lists the public API of the classes under a directory whose package passes a filter.
     *
     * @param classes the classes directory
     * @param loader a loader that sees them
     * @param packages which packages to list
     * @return the listing
     * @throws IOException when the directory cannot be walked
     * @throws ClassNotFoundException when a class file does not load
     */
    public static String of(Path classes, ClassLoader loader, Predicate<String> packages)
            throws IOException, ClassNotFoundException {
        List<String> names;
        try (Stream<Path> walk = Files.walk(classes)) {
            names = walk.map(p -> classes.relativize(p).toString())
                    .filter(n -> n.endsWith(".class") && !n.endsWith("module-info.class")
                            && !n.endsWith("package-info.class"))
                    .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.').replace('\\', '.'))
                    .filter(n -> packages.test(n.contains(".") ? n.substring(0, n.lastIndexOf('.')) : ""))
                    .sorted().toList();
        }
        StringBuilder out = new StringBuilder();
        for (String name : names) {
            Class<?> type = Class.forName(name, false, loader);
            if (!isVisible(type)) {
                continue;
            }
            out.append(header(type)).append(" {\n");
            TreeSet<String> members = new TreeSet<>();
            if (type.isRecord()) {
                members.add("record (" + Arrays.stream(type.getRecordComponents())
                        .map(c -> typeName(c.getGenericType()) + " " + c.getName()).collect(Collectors.joining(", "))
                        + ")");
            }
            for (Field f : type.getDeclaredFields()) {
                if (visible(f.getModifiers()) && !f.isSynthetic()) {
                    members.add(modifiers(f.getModifiers()) + typeName(f.getGenericType()) + " " + f.getName());
                }
            }
            for (Constructor<?> c : type.getDeclaredConstructors()) {
                if (visible(c.getModifiers()) && !c.isSynthetic()) {
                    members.add(modifiers(c.getModifiers()) + "<init>" + parameters(c));
                }
            }
            for (Method m : type.getDeclaredMethods()) {
                if (visible(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
                    members.add(modifiers(m.getModifiers()) + (m.isDefault() ? "default " : "")
                            + typeName(m.getGenericReturnType()) + " " + m.getName() + parameters(m)
                            + throwsClause(m));
                }
            }
            members.forEach(m -> out.append("  ").append(m).append('\n'));
            out.append("}\n");
        }
        return out.toString();
    }

    /**
     * Fails when a listing differs from the committed file, naming the lines added and removed and
     * the command that regenerates it; with {@code -Dgosetup.updateApi=true} writes it first.
     *
     * @param listing the committed file, relative to the module's directory
     * @param actual what the classes list now
     * @param module the module's name, for the message
     * @param regenerate the command that rewrites the file
     * @throws IOException when the file cannot be read or written
     */
    public static void assertMatches(Path listing, String actual, String module, String regenerate)
            throws IOException {
        if (Boolean.getBoolean("gosetup.updateApi")) {
            if (listing.getParent() != null) {
                Files.createDirectories(listing.getParent());
            }
            Files.writeString(listing, actual);
        }
        if (!Files.exists(listing)) {
            throw new AssertionError("the committed API listing " + listing + " does not exist; run " + regenerate
                    + " and commit it");
        }
        String committed = Files.readString(listing);
        if (!committed.equals(actual)) {
            List<String> was = committed.lines().toList();
            List<String> now = actual.lines().toList();
            List<String> diff = new ArrayList<>();
            was.stream().filter(l -> !now.contains(l)).forEach(l -> diff.add("- " + l));
            now.stream().filter(l -> !was.contains(l)).forEach(l -> diff.add("+ " + l));
            throw new AssertionError(module + "'s public API changed:\n" + String.join("\n", diff)
                    + "\nIf intended, run " + regenerate + " and commit " + listing);
        }
    }

    private static Path classesOf(Class<?> anyClass) throws Exception {
        return Path.of(anyClass.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static ModuleDescriptor descriptor(Path classes) {
        // Through a finder: javac writes no package list into module-info.class, the finder scans for it.
        return ModuleFinder.of(classes).findAll().stream().findFirst()
                .orElseThrow(() -> new AssertionError("no module-info.class in " + classes)).descriptor();
    }

    private static Set<String> exportedPackages(Path classes) {
        return descriptor(classes).exports().stream().filter(e -> !e.isQualified())
                .map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
    }

    private static boolean isVisible(Class<?> type) {
        for (Class<?> t = type; t != null; t = t.getEnclosingClass()) {
            if (!visible(t.getModifiers()) || t.isAnonymousClass() || t.isLocalClass() || t.isSynthetic()) {
                return false;
            }
        }
        return true;
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static String header(Class<?> type) {
        String kind = type.isAnnotation() ? "@interface" : type.isInterface() ? "interface" : type.isEnum() ? "enum"
                : type.isRecord() ? "record" : "class";
        int mods = type.getModifiers() & ~Modifier.INTERFACE & ~Modifier.ABSTRACT;
        if (type.isInterface() || type.isEnum() || type.isRecord()) {
            mods &= ~Modifier.FINAL & ~Modifier.STATIC;
        }
        String abs = !type.isInterface() && Modifier.isAbstract(type.getModifiers()) ? "abstract " : "";
        StringBuilder h = new StringBuilder(modifiers(mods) + abs + kind + " " + type.getTypeName());
        if (type.getGenericSuperclass() != null && type.getSuperclass() != Object.class && !type.isEnum()
                && !type.isRecord()) {
            h.append(" extends ").append(typeName(type.getGenericSuperclass()));
        }
        Type[] interfaces = type.getGenericInterfaces();
        if (interfaces.length > 0) {
            h.append(type.isInterface() ? " extends " : " implements ").append(Arrays.stream(interfaces)
                    .map(ApiListing::typeName).collect(Collectors.joining(", ")));
        }
        if (type.isSealed()) {
            h.append(" permits ").append(Arrays.stream(type.getPermittedSubclasses()).map(Class::getTypeName)
                    .sorted().collect(Collectors.joining(", ")));
        }
        return h.toString();
    }

    private static String modifiers(int modifiers) {
        String text = Modifier.toString(modifiers & (Modifier.PUBLIC | Modifier.PROTECTED | Modifier.STATIC
                | Modifier.FINAL | Modifier.ABSTRACT));
        return text.isEmpty() ? "" : text + " ";
    }

    private static String parameters(Executable e) {
        return Arrays.stream(e.getGenericParameterTypes()).map(ApiListing::typeName)
                .collect(Collectors.joining(", ", "(", ")"));
    }

    private static String throwsClause(Method m) {
        Type[] thrown = m.getGenericExceptionTypes();
        return thrown.length == 0 ? "" : " throws " + Arrays.stream(thrown).map(ApiListing::typeName)
                .collect(Collectors.joining(", "));
    }

    private static String typeName(Type type) {
        return type.getTypeName();
    }
}
