package dev.gosetup.wsl;

/** Text from outside (files, wsl.exe, paths) made safe to show: control characters escaped. */
final class Text {
    private Text() {
    }

    /** Returns the text with line breaks, tabs and other control characters written as escapes (\\n, \\t, \\uXXXX). */
    static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029 || c == 0x202E || c == 0xFEFF) {
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.toString();
    }
}
