package dev.doorman.analyzer.model;

/** A turn with the call it belongs to, for the "slowest turns" list. */
public record SlowTurn(String callId, TurnFigures turn) {
}
