package dev.gosetup.vscode.dap;

import dev.gosetup.api.spi.ReadinessCheck;
import dev.gosetup.testkit.contract.ReadinessCheckContract;

/** The published readiness-check contract, run against the debugger check. */
class DebuggerCheckContractTest extends ReadinessCheckContract {
    @Override
    protected ReadinessCheck check() {
        return new DebuggerCheck();
    }
}
