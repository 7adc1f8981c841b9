package dev.doorman.server.resident;

import java.util.List;
import java.util.Objects;

/**
 * What the doorman learnt from the visitor, and whom to ring for it.
 *
 * @param callId      the visitor's call id (the file every event of the visit goes into)
 * @param visitorName as the visitor said it
 * @param intent      visit, delivery, service (or unknown)
 * @param apartment   the apartment visited
 * @param phones      whom to ring, in order: the resident the visitor named, or every phone of the apartment
 */
public record Visit(String callId, String visitorName, String intent, String apartment, List<Phone> phones) {
    public Visit {
        Objects.requireNonNull(apartment, "apartment");
        phones = List.copyOf(phones);
        if (phones.isEmpty()) {
            throw new IllegalArgumentException("a visit needs at least one phone to ring");
        }
    }

    /**
     * A phone to ring.
     *
     * @param resident  who is expected to answer (null when the apartment's phone is shared and the visitor named nobody)
     * @param extension the directory's extension, rendered into the dial string
     */
    public record Phone(String resident, String extension) {
    }
}
