/**
 * Checklist files: {@link dev.gosetup.core.doctor.checklist.Checklist} reads a team's YAML or JSON
 * list of registered checks (with parameters) and generic probes ({@code http}, {@code tcp},
 * {@code command}, {@code file}, {@code env}); the probes themselves are package-private. The
 * format is documented in {@code docs/checklist.md}, whose examples a test reads.
 */
package dev.gosetup.core.doctor.checklist;
