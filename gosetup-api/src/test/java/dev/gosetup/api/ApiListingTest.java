package dev.gosetup.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Makes every change of gosetup-api's public API visible in review: the public and protected
 * signatures of every public type are listed in {@code api/gosetup-api.api}, committed, and this
 * test fails when the compiled classes differ from it. After an intended change, run
 * {@code ./mvnw -pl gosetup-api test -Dtest=ApiListingTest -Dgosetup.updateApi=true} and commit
 * the new listing with the change.
 */
class ApiListingTest {
    private static final Path LISTING = Path.of("api/gosetup-api.api");

    @Test
    void thePublicApiIsTheCommittedListing() throws Exception {
        String actual = listing();
        if (Boolean.getBoolean("gosetup.updateApi")) {
            Files.createDirectories(LISTING.getParent());
            Files.writeString(LISTING, actual);
        }
        assertThat(LISTING).as("the committed API listing; after an intended change run this test with "
                + "-Dgosetup.updateApi=true and commit %s", LISTING).exists();
        String committed = Files.readString(LISTING);
        if (!committed.equals(actual)) {
            List<String> was = committed.lines().toList();
            List<String> now = actual.lines().toList();
            List<String> diff = new ArrayList<>();
            was.stream().filter(l -> !now.contains(l)).forEach(l -> diff.add("- " + l));
            now.stream().filter(l -> !was.contains(l)).forEach(l -> diff.add("+ " + l));
            throw new AssertionError("gosetup-api's public API changed:\n" + String.join("\n", diff)
                    + "\nIf intended, run ./mvnw -pl gosetup-api test -Dtest=ApiListingTest -Dgosetup.updateApi=true"
                    + " and commit " + LISTING);
        }
    }

    private static String listing() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(GoVersion.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> names;
        try (Stream<Path> walk = Files.walk(classes)) {
            names = walk.map(p -> classes.relativize(p).toString())
                    .filter(n -> n.endsWith(".class") && !n.equals("module-info.class"))
                    .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.').replace('\\', '.'))
                    .sorted().toList();
        }
        StringBuilder out = new StringBuilder();
        for (String name : names) {
            Class<?> type = Class.forName(name, false, ApiListingTest.class.getClassLoader());
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
                    .map(ApiListingTest::typeName).collect(Collectors.joining(", ")));
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
        return Arrays.stream(e.getGenericParameterTypes()).map(ApiListingTest::typeName)
                .collect(Collectors.joining(", ", "(", ")"));
    }

    private static String throwsClause(Method m) {
        Type[] thrown = m.getGenericExceptionTypes();
        return thrown.length == 0 ? "" : " throws " + Arrays.stream(thrown).map(ApiListingTest::typeName)
                .collect(Collectors.joining(", "));
    }

    private static String typeName(Type type) {
        return type.getTypeName();
    }
}
