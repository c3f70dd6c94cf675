/**
 * Helpers shared by several packages of gosetup-core and by gosetup's own modules (gosetup-junit5).
 * Not API: anything here may change in any release; embedders use the types of
 * {@code dev.gosetup.core.install}, {@code env} and {@code process} instead.
 */
package dev.gosetup.core.internal;
