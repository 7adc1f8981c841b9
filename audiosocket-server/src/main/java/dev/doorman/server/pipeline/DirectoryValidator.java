package dev.doorman.server.pipeline;

/** Fuzzy validation of spoken apartments and resident names against the building directory. */
public interface DirectoryValidator {

    Match validateApartment(String apartment);

    /** @param apartmentOrNull narrows the search to one apartment's residents when known */
    Match validateResident(String name, String apartmentOrNull);
}
