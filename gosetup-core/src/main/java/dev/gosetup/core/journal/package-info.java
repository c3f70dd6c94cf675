/**
 * The change journal: the one writer of a user's files and settings.
 * {@link dev.gosetup.core.journal.ChangeJournal} applies planned
 * {@link dev.gosetup.api.StoreChange}s through {@link dev.gosetup.api.spi.TargetStore}s, records
 * the exact content of each target before and after, and rolls the newest entry of any kind back
 * byte for byte; {@link dev.gosetup.core.journal.FileTargetStore} writes plain files.
 */
package dev.gosetup.core.journal;
