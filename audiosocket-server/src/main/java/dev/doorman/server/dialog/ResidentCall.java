package dev.doorman.server.dialog;

/**
 * The dialog decided to ring the resident: logged as {@code CALL_MORADOR}. {@code resident} is null when
 * the visitor named only the apartment and several people live there.
 */
public record ResidentCall(String apartment, String resident, String extension) {
}
