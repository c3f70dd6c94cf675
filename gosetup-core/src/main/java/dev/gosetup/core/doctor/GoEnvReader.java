package dev.gosetup.core.doctor;

import dev.gosetup.api.CheckContext;
import dev.gosetup.api.GoSetupException;
import dev.gosetup.core.process.ProcessResult;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the Go environment as the {@code go} command of a check context sees it (the variables
 * {@code go env -json} prints: its defaults, the user's go env file, and the OS environment).
 * The seam the environment checks and the proxy check read through, so an embedder can supply
 * its own reader and tests a fixed map.
 */
@FunctionalInterface
public interface GoEnvReader {

    /**
     * Reads go's environment. Blocks while go runs.
     *
     * @param context the context whose go and environment count
     * @return the variables by name; values as go prints them
     * @throws GoSetupException when go cannot be found or run, or prints something that is not its environment
     */
    Map<String, String> read(CheckContext context);

    /**
     * Returns a reader that runs {@code go env -json} (with {@code GOTOOLCHAIN=local}, in the
     * temporary directory, 30 s timeout) and parses its output.
     *
     * @return the reader
     */
    static GoEnvReader goEnvJson() {
        return context -> {
            GoTool.Located go = GoTool.locate(context);
            ProcessResult result = GoTool.run(context, List.of(go.go().toString(), "env", "-json"), GoTool.tmp(),
                    Duration.ofSeconds(30));
            if (!result.succeeded()) {
                throw new GoSetupException("`" + go.go() + " env -json` exited with " + result.exitCode() + ": "
                        + GoTool.firstLine(result.stderr()), List.of("run `go env` by hand to see what is wrong"));
            }
            try {
                JsonNode root = new ObjectMapper().readTree(result.stdout());
                if (root == null || !root.isObject()) {
                    throw new IllegalArgumentException("not a JSON object");
                }
                Map<String, String> env = new TreeMap<>();
                root.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
                return env;
            } catch (Exception e) {
                throw new GoSetupException("`" + go.go() + " env -json` printed something that is not its environment: "
                        + e.getMessage(), List.of("run `go env -json` by hand to see what is wrong"), e);
            }
        };
    }
}
