package dev.doorman.server.dialog;

/** One state change of the dialog, in the order it happened. */
public record StateTransition(DialogState from, DialogState to) {
}
