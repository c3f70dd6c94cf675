package dev.gosetup.core.doctor.checklist;

import dev.gosetup.core.internal.RegularFiles;
import dev.gosetup.api.CheckContext;
import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.spi.ReadinessCheck;
import dev.gosetup.core.doctor.CheckSelection;
import dev.gosetup.core.doctor.ConfiguredCheck;
import dev.gosetup.core.doctor.DoctorRunner;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * A checklist file: which readiness checks a team runs, with which parameters and thresholds, plus
 * generic probes of the services and tools they need. YAML ({@code .yaml}, {@code .yml}, anything
 * else) or JSON ({@code .json}), read with Jackson:
 *
 * <pre>{@code
 * defaults: true                      # also run every registered check not listed (default false)
 * checks:
 *   - check: go-found                 # a registered check, by id
 *     with: { minimum: "1.22" }       # its parameters
 *   - check: module-proxy
 *     timeout: 10s
 *   - id: api                         # a probe needs an id of its own
 *     title: Team API
 *     requires: [build-and-serve]     # prerequisites, by id
 *     http: { url: "http://127.0.0.1:8080/healthz", status: 200, bodyContains: ok, maxLatency: 500ms }
 *   - id: postgres
 *     tcp: { host: 127.0.0.1, port: 5432 }
 *   - id: make
 *     command: { argv: [make, --version], exitCode: 0, stdoutMatches: "GNU Make \\d" }
 *   - id: gopath
 *     file: { path: "~/go", type: directory, writable: true, ownerOnly: true }
 *   - id: module-settings
 *     env: { GO111MODULE: "on", GOFLAGS: "" }
 * }</pre>
 *
 * <p>Every entry is either {@code check:} (optionally with {@code with:}) or exactly one probe
 * ({@code http}, {@code tcp}, {@code command}, {@code file}, {@code env}). Common fields:
 * {@code id}, {@code title}, {@code category}, {@code requires}, {@code timeout} (for a probe, its
 * own timeout). Prerequisites of registered checks that the file does not list are added before
 * the checks that need them.
 *
 * <p>A bad file (malformed YAML or JSON, an unknown field, a value of the wrong type, a missing
 * required field, an unknown check id or prerequisite, a cycle) is an
 * {@link InvalidConfigurationException} whose message starts with {@code file:line:column:} and
 * names the field, e.g. {@code checks[2].http.status}. Stateless; reading blocks on file I/O.
 *
 * @param source where the checklist came from, for messages
 * @param checks the checks to run, in order, prerequisites first
 */
public record Checklist(String source, List<ReadinessCheck> checks) {
    /** The largest checklist read: a readiness list is a few kilobytes. */
    static final long MAX_BYTES = 1024 * 1024;


    /** Copies the checks. */
    public Checklist {
        Objects.requireNonNull(source, "source");
        checks = List.copyOf(checks);
    }

    /**
     * Reads a checklist file.
     *
     * @param file the file
     * @param available the checks {@code check:} entries may name, e.g. the registered ones
     * @return the checklist
     * @throws InvalidConfigurationException naming the file, line and field of what is wrong
     */
    public static Checklist read(Path file, List<? extends ReadinessCheck> available) {
        String text;
        try {
            // Capped before parsing: a huge first-line comment made the parser quadratic (20 MiB: 5 minutes).
            byte[] bytes = RegularFiles.readIfExists(file, MAX_BYTES, "the checklist")
                    .orElseThrow(() -> new NoSuchFileException(file.toString()));
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            throw new InvalidConfigurationException("the checklist " + file + " does not exist",
                    List.of("check the path given to --checklist"), e);
        } catch (MalformedInputException e) {
            throw new InvalidConfigurationException("the checklist " + file + " is not UTF-8 text",
                    List.of("save it as UTF-8"), e);
        } catch (IOException e) {
            throw new InvalidConfigurationException("cannot read the checklist " + file + ": " + e.getMessage(),
                    List.of("check that the file is readable"), e);
        }
        boolean json = file.getFileName() != null
                && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        return parse(text, file.toString(), json, available);
    }

    /**
     * Reads a checklist from text.
     *
     * @param text the content
     * @param source what to call it in messages, e.g. the file name
     * @param json whether it is JSON (else YAML)
     * @param available the checks {@code check:} entries may name
     * @return the checklist
     * @throws InvalidConfigurationException naming the source, line and field of what is wrong
     */
    public static Checklist parse(String text, String source, boolean json,
            List<? extends ReadinessCheck> available) {
        ObjectMapper mapper = (json ? JsonMapper.builder() : YAMLMapper.builder())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .build();
        ChecklistDocument document;
        try {
            document = mapper.readValue(text, ChecklistDocument.class);
        } catch (JsonProcessingException e) {
            throw invalid(source, e);
        }
        if (document == null) {
            throw new InvalidConfigurationException(source + ": the checklist is empty",
                    List.of("list the checks to run under \"checks:\""));
        }
        if (document.checks == null) {
            throw new InvalidConfigurationException(source + ": checks: the checklist has no \"checks\" list",
                    List.of("list the checks to run under \"checks:\""));
        }
        Map<String, ReadinessCheck> registered = new LinkedHashMap<>();
        available.forEach(c -> registered.putIfAbsent(c.id(), c));
        List<ReadinessCheck> checks = new ArrayList<>();
        Map<String, LocatedEntry> entryOf = new LinkedHashMap<>();
        for (int i = 0; i < document.checks.size(); i++) {
            LocatedEntry located = document.checks.get(i);
            ReadinessCheck check = located.entry().toCheck(located, "checks[" + i + "]", source, registered);
            if (entryOf.putIfAbsent(check.id(), located) != null) {
                throw located.error(source, "checks[" + i + "].id", "the id \"" + check.id() + "\" is used by line "
                        + entryOf.get(check.id()).line() + " already", "give each entry its own id");
            }
            checks.add(check);
        }
        if (Boolean.TRUE.equals(document.defaults)) {
            List<ReadinessCheck> all = new ArrayList<>();
            registered.values().stream().filter(c -> !entryOf.containsKey(c.id())).forEach(all::add);
            all.addAll(checks);
            checks = all;
        }
        List<ReadinessCheck> completed = CheckSelection.complete(checks, List.copyOf(registered.values()));
        Set<String> ids = completed.stream().map(ReadinessCheck::id).collect(Collectors.toCollection(LinkedHashSet::new));
        for (Map.Entry<String, LocatedEntry> e : entryOf.entrySet()) {
            ReadinessCheck check = completed.stream().filter(c -> c.id().equals(e.getKey())).findFirst().orElseThrow();
            for (String p : check.prerequisites()) {
                if (!ids.contains(p)) {
                    int index = document.checks.indexOf(e.getValue());
                    throw e.getValue().error(source, "checks[" + index + "].requires", "\"" + e.getKey()
                            + "\" requires \"" + p + "\", which is neither in the checklist nor a registered check",
                            "use one of: " + String.join(", ", ids));
                }
            }
        }
        try {
            DoctorRunner.validate(completed);
        } catch (InvalidConfigurationException e) {
            throw new InvalidConfigurationException(source + ": " + e.getMessage(), e.resolutions(), e);
        }
        return new Checklist(source, completed);
    }

    private static InvalidConfigurationException invalid(String source, JsonProcessingException e) {
        if (e.getOriginalMessage().startsWith("No content to map")) {
            return new InvalidConfigurationException(source + ": the checklist is empty",
                    List.of("list the checks to run under \"checks:\""), e);
        }
        // The YAML parser's current location is the end of the event it has read, often the next
        // line; the token's own start is the line a person has to look at.
        JsonLocation at = e.getProcessor() instanceof JsonParser p && p.currentTokenLocation() != null
                && p.currentTokenLocation().getLineNr() > 0 ? p.currentTokenLocation() : e.getLocation();
        String where = source + (at != null && at.getLineNr() > 0 ? ":" + at.getLineNr() + ":" + at.getColumnNr() : "");
        String field = e instanceof JsonMappingException m ? path(m) : "";
        String message;
        if (e instanceof UnrecognizedPropertyException u) {
            message = "unknown field \"" + u.getPropertyName() + "\""
                    + (u.getKnownPropertyIds() == null ? "" : "; the fields here are: " + u.getKnownPropertyIds()
                            .stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")));
        } else if (e instanceof ValueInstantiationException && e.getCause() != null) {
            message = e.getCause().getMessage();
        } else if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException m
                && !(e instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException)
                && m.getTargetType() != null) {
            // In the checklist's words, not Jackson's: no Java types, no parser tokens.
            java.util.regex.Matcher found = java.util.regex.Pattern.compile("from (\\w+(?:-\\w+)?) value")
                    .matcher(e.getOriginalMessage());
            message = "expected " + kindOf(m.getTargetType())
                    + (found.find() ? ", found " + foundKind(found.group(1)) : "");
        } else {
            message = e.getOriginalMessage().replaceAll("\\s*\\(for Object starting at.*", "")
                    .replaceAll("`(?:java\\.lang\\.|java\\.util\\.|java\\.net\\.|java\\.time\\.)?([A-Za-z.$]+)`", "$1")
                    .replace("dev.gosetup.core.doctor.checklist.Checklist$", "");
        }
        String fix = e instanceof JsonMappingException ? "fix the field " + (field.isEmpty() ? "" : field + " ")
                + "at " + where : "fix the " + (source.endsWith(".json") ? "JSON" : "YAML") + " syntax at " + where;
        return new InvalidConfigurationException(where + ": " + (field.isEmpty() ? "" : field + ": ") + message,
                List.of(fix), e);
    }

    /** What a person calls a value of this Java type in YAML or JSON. */
    private static String kindOf(Class<?> type) {
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (CharSequence.class.isAssignableFrom(type) || type.isEnum()) {
            return "a text value";
        }
        if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return "a mapping (name: value lines)";
    }

    private static String foundKind(String jackson) {
        return switch (jackson) {
            case "String" -> "a text value";
            case "Array" -> "a list";
            case "Object" -> "a mapping";
            case "Boolean" -> "true or false";
            case "Integer", "Floating-point" -> "a number";
            default -> jackson.toLowerCase(java.util.Locale.ROOT) + " value";
        };
    }

    private static String path(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                b.append(b.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    /*
     * Jackson binds the raw classes below field by field (null for absent). Records would be
     * simpler, but Jackson buffers the unknown fields of a record until its end, and then reports
     * them at the wrong line.
     */

    /** The whole checklist document: {@code defaults:} and the {@code checks:} list. */
    static final class ChecklistDocument {
        Boolean defaults;
        List<LocatedEntry> checks;
    }

    /** An entry and where it starts in the file. */
    @JsonDeserialize(using = LocatedEntry.Reader.class)
    record LocatedEntry(Entry entry, int line, int column) {
        InvalidConfigurationException error(String source, String field, String message, String fix) {
            return new InvalidConfigurationException(source + ":" + line + ":" + column + ": " + field + ": " + message,
                    List.of(fix));
        }

        static final class Reader extends StdDeserializer<LocatedEntry> {
            private static final long serialVersionUID = 1L;

            Reader() {
                super(LocatedEntry.class);
            }

            @Override
            public LocatedEntry deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                JsonLocation at = p.currentTokenLocation();
                Entry entry = ctxt.readValue(p, Entry.class);
                return new LocatedEntry(entry, at.getLineNr(), at.getColumnNr());
            }
        }
    }

    /** One entry of {@code checks:}. */
    static final class Entry {
        String id;
        String check;
        String title;
        String category;
        List<String> requires;
        @JsonDeserialize(using = DurationText.class)
        Duration timeout;
        Map<String, String> with;
        HttpSpec http;
        TcpSpec tcp;
        CommandSpec command;
        FileProbeSpec file;
        Map<String, String> env;

        ReadinessCheck toCheck(LocatedEntry at, String field, String source, Map<String, ReadinessCheck> registered) {
            List<String> kinds = new ArrayList<>();
            Map<String, Object> given = new LinkedHashMap<>();
            given.put("check", check);
            given.put("http", http);
            given.put("tcp", tcp);
            given.put("command", command);
            given.put("file", file);
            given.put("env", env);
            given.forEach((k, v) -> {
                if (v != null) {
                    kinds.add(k);
                }
            });
            if (kinds.size() != 1) {
                throw at.error(source, field, kinds.isEmpty() ? "an entry needs \"check\" or one probe"
                        : "an entry has exactly one of check, http, tcp, command, file, env; this one has "
                                + String.join(", ", kinds),
                        "write check: <id> or one of http:, tcp:, command:, file:, env:");
            }
            if (with != null && check == null) {
                throw at.error(source, field + ".with", "\"with\" gives parameters to a registered check; a probe "
                        + "takes its settings under its own key", "move the settings under " + kinds.get(0) + ":");
            }
            String theId = id != null ? id : check;
            if (theId == null) {
                throw at.error(source, field + ".id", "a " + kinds.get(0) + " probe needs an id",
                        "add id: <a-name-for-it>");
            }
            if (!theId.matches("[a-z0-9][a-z0-9._-]*")) {
                throw at.error(source, field + ".id", "\"" + theId + "\" is not an id: use lower-case letters, digits, "
                        + "'-', '_' and '.'", "rename it, e.g. "
                        + theId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-"));
            }
            Optional<String> t = Optional.ofNullable(title);
            Optional<String> c = Optional.ofNullable(category);
            Optional<Duration> to = Optional.ofNullable(timeout);
            ReadinessCheck result;
            try {
                if (check != null) {
                    ReadinessCheck base = registered.get(check);
                    if (base == null) {
                        throw at.error(source, field + ".check", "unknown check \"" + check + "\"",
                                "use one of: " + String.join(", ", registered.keySet())
                                        + " (a plugin's checks need its jar on the plugin path)");
                    }
                    Optional<Set<String>> known = base.parameters();
                    if (with != null && known.isPresent()) {
                        for (String name : with.keySet()) {
                            if (!known.get().contains(name)) {
                                throw at.error(source, field + ".with." + name, "check \"" + check
                                        + "\" has no parameter \"" + name + "\"", known.get().isEmpty()
                                        ? "remove with: — " + check + " takes no parameters"
                                        : "use one of: " + String.join(", ", new java.util.TreeSet<>(known.get())));
                            }
                        }
                    }
                    ConfiguredCheck configured = ConfiguredCheck.of(base).withId(theId)
                            .withParameters(with == null ? Map.of() : with);
                    configured = t.map(configured::withTitle).orElse(configured);
                    configured = c.map(configured::withCategory).orElse(configured);
                    result = to.map(configured::withTimeout).orElse(configured);
                } else if (http != null) {
                    required(http.url, "url");
                    result = new HttpProbe(theId, t, c, to.orElse(HttpProbe.DEFAULT_TIMEOUT), new HttpProbe.Spec(
                            http.url, http.method == null ? "GET" : http.method.toUpperCase(Locale.ROOT),
                            http.status == null ? 200 : http.status, Optional.ofNullable(http.bodyContains),
                            Optional.ofNullable(http.bodyMatches), Optional.ofNullable(http.maxLatency),
                            http.headers == null ? Map.of() : http.headers));
                } else if (tcp != null) {
                    required(tcp.host, "host");
                    required(tcp.port, "port");
                    result = new TcpProbe(theId, t, c, to.orElse(TcpProbe.DEFAULT_TIMEOUT),
                            new TcpProbe.Spec(tcp.host, tcp.port));
                } else if (command != null) {
                    required(command.argv, "argv");
                    result = new CommandProbe(theId, t, c, to.orElse(CommandProbe.DEFAULT_TIMEOUT), new CommandProbe.Spec(
                            command.argv, command.exitCode == null ? 0 : command.exitCode,
                            Optional.ofNullable(command.stdoutContains), Optional.ofNullable(command.stdoutMatches),
                            Optional.ofNullable(command.stderrContains), Optional.ofNullable(command.stderrMatches),
                            Optional.ofNullable(command.directory).map(Path::of)));
                } else if (file != null) {
                    required(file.path, "path");
                    result = new FileProbe(theId, t, c, to.orElse(FileProbe.DEFAULT_TIMEOUT), new FileProbe.Spec(
                            file.path, file.type == null ? FileProbe.Type.ANY : FileProbe.Type.parse(file.type),
                            file.exists == null || file.exists, Optional.ofNullable(file.writable),
                            Optional.ofNullable(file.ownerOnly)));
                } else {
                    result = new EnvProbe(theId, t, c, to.orElse(EnvProbe.DEFAULT_TIMEOUT), env);
                }
            } catch (IllegalArgumentException e) {
                throw at.error(source, field + "." + kinds.get(0), e.getMessage(), "fix the value in the checklist");
            }
            if (requires != null) {
                result = ConfiguredCheck.of(result).withPrerequisites(requires);
            }
            return result;
        }
    }

    /** The settings of an {@code http:} probe. */
    static final class HttpSpec {
        URI url;
        String method;
        Integer status;
        String bodyContains;
        @JsonDeserialize(using = PatternText.class)
        Pattern bodyMatches;
        @JsonDeserialize(using = DurationText.class)
        Duration maxLatency;
        Map<String, String> headers;
    }

    /** The settings of a {@code tcp:} probe. */
    static final class TcpSpec {
        String host;
        Integer port;
    }

    /** The settings of a {@code command:} probe. */
    static final class CommandSpec {
        List<String> argv;
        Integer exitCode;
        String stdoutContains;
        @JsonDeserialize(using = PatternText.class)
        Pattern stdoutMatches;
        String stderrContains;
        @JsonDeserialize(using = PatternText.class)
        Pattern stderrMatches;
        String directory;
    }

    /** The settings of a {@code file:} probe (not the checklist file: that is {@link ChecklistDocument}). */
    static final class FileProbeSpec {
        String path;
        String type;
        Boolean exists;
        Boolean writable;
        Boolean ownerOnly;
    }

    private static void required(Object value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("\"" + field + "\" needs a value");
        }
    }

    /** Reads 500ms, 3s, 2m, PT30S, pointing at the value when it is none of them. */
    static final class DurationText extends StdDeserializer<Duration> {
        private static final long serialVersionUID = 1L;

        DurationText() {
            super(Duration.class);
        }

        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            try {
                Duration d = CheckContext.parseDuration(text == null ? p.getText() : text);
                if (d.isZero()) {
                    throw new IllegalArgumentException("a duration here must be more than zero");
                }
                return d;
            } catch (IllegalArgumentException e) {
                throw ctxt.weirdStringException(p.getText(), Duration.class, e.getMessage());
            }
        }
    }

    /** Compiles a regular expression, pointing at the value when it is not one. */
    static final class PatternText extends StdDeserializer<Pattern> {
        private static final long serialVersionUID = 1L;

        PatternText() {
            super(Pattern.class);
        }

        @Override
        public Pattern deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            if (text == null) {
                return (Pattern) ctxt.handleUnexpectedToken(Pattern.class, p);
            }
            try {
                return Pattern.compile(text);
            } catch (PatternSyntaxException e) {
                throw ctxt.weirdStringException(text, Pattern.class, "not a regular expression: "
                        + e.getDescription() + " near index " + e.getIndex());
            }
        }
    }
}
