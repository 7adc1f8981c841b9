package dev.doorman.server.pipeline.validation;

import java.util.Locale;

/**
 * The comparable form of an apartment number: "Apt. 302", "302", "0302" and "apartment 302" all become
 * "302"; letters are kept ("12-B" becomes "12b"). Spoken forms are turned into digits before this by
 * the intent stage's {@code SpokenNumberParser}.
 */
public final class ApartmentNormalizer {
    private ApartmentNormalizer() {
    }

    public static String key(String apartment) {
        if (apartment == null) {
            return "";
        }
        String s = apartment.toLowerCase(Locale.ROOT)
                .replaceAll("\\b(apartment|apartamento|apto|apt|ap|unit|flat|suite|number|no|numero)\\b\\.?", " ")
                .replaceAll("[^a-z0-9]", "");
        s = s.replaceFirst("^0+(?=.)", "");
        return s;
    }
}
