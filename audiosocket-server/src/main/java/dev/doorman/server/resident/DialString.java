package dev.doorman.server.resident;

import java.util.regex.Pattern;

/**
 * The resident's dial string from the {@code resident.dial} template, e.g. {@code PJSIP/${extension}}.
 * Directory values go into an AMI action, so only characters a dial string needs are accepted: a
 * directory edited by hand must not be able to dial something else.
 */
public final class DialString {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9+*#_.-]{1,64}");

    private DialString() {
    }

    /** @throws IllegalArgumentException naming the value when it has characters a dial string must not have */
    public static String render(String template, String extension, String apartment) {
        return template.replace("${extension}", safe("extension", extension))
                .replace("${apartment}", safe("apartment", apartment));
    }

    private static String safe(String what, String value) {
        if (value == null || !SAFE.matcher(value).matches()) {
            throw new IllegalArgumentException("the directory's " + what + " '" + value
                    + "' cannot go into a dial string (allowed: letters, digits, + * # _ . -)");
        }
        return value;
    }
}
