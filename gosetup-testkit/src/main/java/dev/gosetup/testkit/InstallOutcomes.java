package dev.gosetup.testkit;

import dev.gosetup.api.GoSetupException;
import dev.gosetup.api.InstallListener;
import dev.gosetup.api.Toolchain;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An {@link InstallListener} that records how installs ended: every toolchain
 * {@link InstallListener#done done} and every {@link InstallListener#failed failure}, in the order
 * heard. Extend it to act during an install as well (e.g. cancel from {@code extracting}); an
 * override of {@code done} or {@code failed} should call {@code super}. Thread-safe.
 */
public class InstallOutcomes implements InstallListener {
    private final List<Toolchain> done = new CopyOnWriteArrayList<>();
    private final List<GoSetupException> failed = new CopyOnWriteArrayList<>();

    /** Creates a listener that has heard nothing yet. */
    public InstallOutcomes() {
    }

    @Override
    public void done(Toolchain toolchain, boolean alreadyInstalled) {
        done.add(toolchain);
    }

    @Override
    public void failed(GoSetupException error) {
        failed.add(error);
    }

    /**
     * Returns the toolchains {@code done} reported so far.
     *
     * @return a copy, oldest first
     */
    public List<Toolchain> done() {
        return List.copyOf(done);
    }

    /**
     * Returns the failures {@code failed} reported so far.
     *
     * @return a copy, oldest first
     */
    public List<GoSetupException> failed() {
        return List.copyOf(failed);
    }
}
