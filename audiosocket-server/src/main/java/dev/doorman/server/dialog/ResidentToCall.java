package dev.doorman.server.dialog;

import dev.doorman.server.pipeline.validation.DirectoryEntry;

/**
 * The dialog decided to ring the resident.
 *
 * @param apartment   the apartment, with its extension and residents' phones
 * @param resident    whom the visitor asked for; null when they named only the apartment
 * @param visitorName the visitor's name, as said
 * @param purpose     visit, delivery, service, or null when not said
 */
public record ResidentToCall(DirectoryEntry apartment, String resident, String visitorName, String purpose) {
}
