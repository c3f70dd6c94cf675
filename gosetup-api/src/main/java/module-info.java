/**
 * gosetup's public API: value types ({@code dev.gosetup.api}) and the provider interfaces that
 * plugins implement ({@code dev.gosetup.api.spi}). It depends on nothing but {@code java.base}.
 */
module dev.gosetup.api {
    exports dev.gosetup.api;
    exports dev.gosetup.api.spi;
}
