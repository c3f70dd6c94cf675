package dev.gosetup.vscode.tools;

import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.GoVersion;

import java.util.List;
import java.util.Optional;

/**
 * What {@code go version -m BINARY} prints, read as cmd/go/internal/version prints it: a first line
 * {@code BINARY: go1.19.8}, then tab-indented, tab-separated lines {@code path PKG},
 * {@code mod MODULE VERSION [SUM]}, {@code dep ...}, {@code build ...}.
 */
record BuildInfo(GoVersion goVersion, String packagePath, String modulePath, String moduleVersion) {

    static BuildInfo parse(String output, String binary) {
        List<String> lines = output.lines().toList();
        if (lines.isEmpty()) {
            throw garbled(binary, output, "no output");
        }
        String first = lines.get(0);
        int colon = first.lastIndexOf(": ");
        GoVersion go;
        try {
            go = GoVersion.parse(first.substring(colon + 2).strip());
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw garbled(binary, output, "the first line does not end with a Go version");
        }
        Optional<String> path = Optional.empty();
        String module = null;
        String version = null;
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.strip().split("\t");
            if (fields.length >= 2 && fields[0].equals("path")) {
                path = Optional.of(fields[1]);
            } else if (fields.length >= 3 && fields[0].equals("mod")) {
                module = fields[1];
                version = fields[2];
            }
        }
        if (path.isEmpty() || module == null) {
            throw garbled(binary, output, "no path or mod line: the binary was not built from a module");
        }
        return new BuildInfo(go, path.get(), module, version);
    }

    private static GoSetupException garbled(String binary, String output, String why) {
        String start = output.strip();
        if (start.length() > 300) {
            start = start.substring(0, 300) + "...";
        }
        return new GoSetupException("cannot read the build information of " + binary + " (go version -m): " + why
                + (start.isEmpty() ? "" : "; it printed: " + start),
                List.of("reinstall the tool with go install", "run go version -m " + binary + " by hand"));
    }
}
