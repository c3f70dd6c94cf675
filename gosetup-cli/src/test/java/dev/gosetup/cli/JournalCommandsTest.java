package dev.gosetup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** gosetup rollback and gosetup history: one journal for every kind of change. */
class JournalCommandsTest extends CliTest {
    Path envFile;

    @BeforeEach
    void user() {
        envFile = home.resolve(".config/go/env");
    }

    private int gosetup(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(storeOption());
        return gosetup(all);
    }

    @Test
    void historyListsEveryChangeAndRollbackUndoesTheNewestWhateverMadeIt() throws Exception {
        Files.createDirectories(envFile.getParent());
        byte[] original = "# mine\r\nGOFLAGS=-mod=mod\r\n".getBytes(StandardCharsets.UTF_8);
        Files.write(envFile, original);

        assertThat(gosetup("history")).isZero();
        assertThat(out.toString()).contains("changed nothing yet");
        assertThat(gosetup("proxy", "set", "china")).as(err.toString()).isZero();
        byte[] afterChina = Files.readAllBytes(envFile);
        assertThat(gosetup("proxy", "set", "offline")).as(err.toString()).isZero();

        assertThat(gosetup("history")).isZero();
        assertThat(out.toString()).contains("gosetup proxy set").contains(envFile.toString()).contains("applied");
        assertThat(gosetup("history", "--json")).isZero();
        JsonNode history = new ObjectMapper().readTree(out.toString());
        assertThat(history).hasSize(2);
        assertThat(history.get(0).get("command").asText()).isEqualTo("gosetup proxy set");
        assertThat(history.get(0).get("changes").get(0).get("target").asText()).isEqualTo(envFile.toString());

        assertThat(gosetup("rollback")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("restored " + envFile).contains("gosetup proxy set");
        assertThat(Files.readAllBytes(envFile)).isEqualTo(afterChina);
        assertThat(gosetup("env", "rollback")).as("the old name stays an alias").isZero();
        assertThat(Files.readAllBytes(envFile)).isEqualTo(original);
        assertThat(gosetup("rollback")).isZero();
        assertThat(out.toString()).contains("nothing to roll back");

        assertThat(gosetup("history")).isZero();
        assertThat(out.toString()).contains("rolled back").doesNotContain("  applied");
    }

    @Test
    void rollbackRefusesToLoseALaterEditUnlessForced() throws Exception {
        assertThat(gosetup("proxy", "set", "china")).as(err.toString()).isZero();
        Files.writeString(envFile, Files.readString(envFile) + "GOFLAGS=-v\n");
        assertThat(gosetup("rollback")).isEqualTo(1);
        assertThat(err.toString()).contains(envFile.toString()).contains("--force");
        assertThat(Files.readString(envFile)).contains("GOFLAGS=-v");
        assertThat(gosetup("rollback", "--force")).as(err.toString()).isZero();
        assertThat(envFile).doesNotExist();
    }

    @Test
    void fourConcurrentIdenticalProxySetsAllSucceed() throws Exception {
        CyclicBarrier start = new CyclicBarrier(4);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return GoSetupCommand.run(new String[] {"proxy", "set", "china", "--home", store.toString()},
                            new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), userEnv);
                }));
            }
            for (Future<Integer> run : runs) {
                assertThat(run.get()).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(gosetup("history", "--json")).isZero();
        assertThat(new ObjectMapper().readTree(out.toString())).hasSize(1);
    }
}
