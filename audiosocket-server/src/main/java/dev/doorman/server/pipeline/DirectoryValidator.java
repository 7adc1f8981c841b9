package dev.doorman.server.pipeline;

/** Fuzzy validation of spoken apartments and resident names against the building directory. */
public interface DirectoryValidator {

    /**
     * An apartment that is not in the directory may still come back with a {@code match}: the
     * one directory apartment a single digit away (not valid: to confirm), or several in
     * {@code alternatives} (ambiguous).
     */
    Match validateApartment(String apartment);

    /** @param apartmentOrNull narrows the search to one apartment's residents when known */
    Match validateResident(String name, String apartmentOrNull);

    /**
     * Like {@link #validateResident(String, String)}, also weighing how sure the recognizer was:
     * a match heard with low confidence is returned not valid (to be confirmed).
     *
     * @param confidence the recognizer's confidence in the words, 0..1, or NaN when unknown
     */
    default Match validateResident(String name, String apartmentOrNull, double confidence) {
        return validateResident(name, apartmentOrNull);
    }
}
