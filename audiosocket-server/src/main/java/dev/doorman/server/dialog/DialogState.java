package dev.doorman.server.dialog;

/** The intercom dialog's states; every change is logged as {@code STATE_CHANGE{from,to}}. */
public enum DialogState {
    GREETING,
    COLLECTING,
    CONFIRMING,
    CALLING_RESIDENT,
    GOODBYE
}
