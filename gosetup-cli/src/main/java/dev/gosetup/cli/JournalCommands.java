package dev.gosetup.cli;

import dev.gosetup.api.spi.StoreContext;
import dev.gosetup.core.journal.ChangeJournal;
import dev.gosetup.core.journal.JournalEntry;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The change journal's commands: rollback (undo the last change of any kind) and history. */
final class JournalCommands {
    private JournalCommands() {
    }

    /** What the journal commands share: the journal of the chosen store's home. */
    abstract static class JournalCommand extends ToolchainCommands.StoreCommand {
        ChangeJournal journal() {
            return ChangeJournal.create(store.installer(environment()).store(), StoreContext.of(environment()));
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = {"Undo the last change gosetup made to your files or settings, whatever made it (env apply, "
                    + "proxy set, vscode apply, wsl config, ...): every target gets back its exact bytes.",
                "Refuses when a target was edited since gosetup changed it, unless --force."})
    static class Rollback extends JournalCommand {
        @Option(names = "--force", description = "Restore targets even when they were edited after gosetup changed them, "
                + "or made read-only since (they stay read-only).")
        boolean force;

        @Override
        public Integer call() {
            Optional<JournalEntry> undone = journal().rollback(force);
            if (undone.isEmpty()) {
                out().println("nothing to roll back");
                return ExitCode.OK;
            }
            JournalEntry entry = undone.get();
            for (JournalEntry.Change change : entry.changes()) {
                out().println("restored " + change.target());
            }
            out().println("rolled back journal entry " + entry.id() + " (" + entry.command() + ") of "
                    + entry.appliedAt());
            return ExitCode.OK;
        }
    }

    @Command(name = "history", mixinStandardHelpOptions = true,
            description = "List the changes gosetup made to your files and settings, newest first: when, by which "
                    + "command, which targets, and whether they were rolled back.")
    static final class History extends JournalCommand {
        @Option(names = "--json", description = "Print the history as JSON.")
        boolean json;

        @Override
        public Integer call() {
            List<JournalEntry> entries = journal().history();
            if (json) {
                out().println(ChangeJournal.json(entries));
                return ExitCode.OK;
            }
            if (entries.isEmpty()) {
                out().println("gosetup has changed nothing yet");
            }
            for (JournalEntry entry : entries) {
                out().println(entry.id() + "  " + entry.appliedAt() + "  " + entry.command() + "  "
                        + entry.state().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
                for (JournalEntry.Change change : entry.changes()) {
                    out().println("    " + change.describe());
                }
            }
            return ExitCode.OK;
        }
    }
}
