/**
 * The doctor's runner and reports: {@link dev.gosetup.core.doctor.DoctorRunner} runs
 * {@link dev.gosetup.api.spi.ReadinessCheck}s (prerequisites first, a timeout each, SKIP with the
 * reason when a prerequisite fails) and reports to a {@link dev.gosetup.core.doctor.DoctorListener};
 * {@link dev.gosetup.core.doctor.CheckSelection} applies {@code --only}/{@code --skip};
 * {@link dev.gosetup.core.doctor.ReportFormat} renders a {@link dev.gosetup.core.doctor.DoctorReport}.
 * The built-in checks are in {@code dev.gosetup.core.doctor.checks} (registered as providers, not
 * API), checklist files in {@code dev.gosetup.core.doctor.checklist}.
 */
package dev.gosetup.core.doctor;
