package com.example.gosetup.jetbrains;

import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.StoreChange;
import dev.gosetup.api.spi.DebuggerConfigProvider;
import dev.gosetup.api.spi.DebuggerConfigRequest;
import dev.gosetup.api.spi.DebuggerConfiguration;
import dev.gosetup.api.spi.StoreContext;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A second editor for gosetup's debugger-configuration SPI: JetBrains GoLand (or IntelliJ IDEA
 * with the Go plugin), id {@code jetbrains-run}. It writes shared run configurations into the
 * project's {@code .run} directory, which the IDE picks up and which a team can commit:
 *
 * <ul>
 *   <li>{@code .run/Go Package (gosetup).run.xml}: a "Go Build" run configuration of the project
 *       directory, with the module-proxy settings and {@code GOROOT} of gosetup's toolchain as
 *       its environment (GoLand's debugger runs its own Delve on it);</li>
 *   <li>{@code .run/Delve server (gosetup).run.xml}: a "Go Remote" configuration that connects
 *       to a headless Delve on 127.0.0.1:2345.</li>
 * </ul>
 *
 * <p>gosetup owns these two files whole (their names say so); it never touches other run
 * configurations. GoLand keeps user-scope settings in its own options directory, so this provider
 * plans nothing for the user scope. It depends on gosetup-api and the JDK only.
 */
public final class GoLandRunConfigurations implements DebuggerConfigProvider {
    static final String PACKAGE = "Go Package (gosetup)";
    static final String REMOTE = "Delve server (gosetup)";

    /** Creates the provider; ServiceLoader needs a public no-argument constructor. */
    public GoLandRunConfigurations() {
    }

    @Override
    public String id() {
        return "jetbrains-run";
    }

    @Override
    public String displayName() {
        return "GoLand run configurations";
    }

    @Override
    public List<StoreChange> plan(DebuggerConfigRequest request) {
        if (request.workspace().isEmpty()) {
            return List.of();
        }
        Path dir = request.workspace().get().resolve(".run");
        Map<String, String> env = new TreeMap<>(request.moduleSettings());
        env.put("GOROOT", request.environment().toolchain().goroot().toString());
        StringBuilder envs = new StringBuilder();
        env.forEach((name, value) -> envs.append("      <env name=\"").append(xml(name)).append("\" value=\"")
                .append(xml(value)).append("\" />\n"));
        String build = "<component name=\"ProjectRunConfigurationManager\">\n"
                + "  <configuration default=\"false\" name=\"" + PACKAGE + "\" type=\"GoApplicationRunConfiguration\""
                + " factoryName=\"Go Application\">\n"
                + "    <module name=\"" + xml(request.workspace().get().getFileName().toString()) + "\" />\n"
                + "    <working_directory value=\"$PROJECT_DIR$\" />\n"
                + "    <envs>\n" + envs + "    </envs>\n"
                + "    <kind value=\"DIRECTORY\" />\n"
                + "    <directory value=\"$PROJECT_DIR$\" />\n"
                + "    <filePath value=\"$PROJECT_DIR$\" />\n"
                + "    <method v=\"2\" />\n"
                + "  </configuration>\n"
                + "</component>\n";
        String remote = "<component name=\"ProjectRunConfigurationManager\">\n"
                + "  <configuration default=\"false\" name=\"" + REMOTE + "\" type=\"GoRemoteDebugConfigurationType\""
                + " factoryName=\"Go Remote\" port=\"2345\">\n"
                + "    <option name=\"disconnectOption\" value=\"ASK\" />\n"
                + "    <method v=\"2\" />\n"
                + "  </configuration>\n"
                + "</component>\n";
        List<StoreChange> changes = new ArrayList<>();
        change(dir.resolve(PACKAGE + ".run.xml"), build).ifPresent(changes::add);
        change(dir.resolve(REMOTE + ".run.xml"), remote).ifPresent(changes::add);
        return changes;
    }

    @Override
    public DebuggerConfiguration read(Optional<Path> workspace, StoreContext user) {
        List<String> names = new ArrayList<>();
        Map<String, String> env = new TreeMap<>();
        List<Path> files = new ArrayList<>();
        Optional<String> goroot = Optional.empty();
        if (workspace.isPresent()) {
            Path dir = workspace.get().resolve(".run");
            try (DirectoryStream<Path> runs = Files.newDirectoryStream(dir, "*.run.xml")) {
                runs.forEach(files::add);
            } catch (NoSuchFileException e) {
                // no shared run configurations
            } catch (IOException e) {
                throw new GoSetupException("cannot list " + dir + ": " + e.getMessage(), List.of("check that "
                        + dir + " is a directory you may read"), e);
            }
            files.sort(null);
            for (Path file : files) {
                Element configuration = parse(file);
                names.add(configuration.getAttribute("name"));
                NodeList list = configuration.getElementsByTagName("env");
                for (int i = 0; i < list.getLength(); i++) {
                    Element e = (Element) list.item(i);
                    env.put(e.getAttribute("name"), e.getAttribute("value"));
                }
            }
            goroot = Optional.ofNullable(env.remove("GOROOT"));
        }
        Optional<String> go = goroot.map(g -> Path.of(g, "bin", "go").toString());
        return new DebuggerConfiguration(go, Optional.empty(), Optional.empty(), goroot, env, names, files);
    }

    private static Optional<StoreChange> change(Path file, String content) {
        Optional<byte[]> before;
        try {
            before = Files.exists(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        } catch (IOException e) {
            throw new GoSetupException("cannot read " + file + ": " + e.getMessage(),
                    List.of("check that " + file + " is a file you may read"), e);
        }
        byte[] after = content.getBytes(StandardCharsets.UTF_8);
        if (before.isPresent() && Arrays.equals(before.get(), after)) {
            return Optional.empty();
        }
        return Optional.of(new StoreChange(FILE_STORE, file.toAbsolutePath().toString(),
                (before.isPresent() ? "rewrite" : "create") + " the run configuration \"" + file.getFileName() + "\"",
                before, Optional.of(after)));
    }

    private static Element parse(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            Element root = factory.newDocumentBuilder().parse(in).getDocumentElement();
            NodeList configurations = root.getElementsByTagName("configuration");
            if (configurations.getLength() == 0) {
                throw new InvalidConfigurationException(file + " holds no <configuration>",
                        List.of("fix or remove " + file));
            }
            return (Element) configurations.item(0);
        } catch (InvalidConfigurationException e) {
            throw e;
        } catch (Exception e) {
            throw new InvalidConfigurationException(file + " is not a run configuration: " + e.getMessage(),
                    List.of("fix or remove " + file + ", then run again"), e);
        }
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("\n", "&#10;");
    }
}
