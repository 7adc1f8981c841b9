package dev.doorman.server.call;

/**
 * Numbers the visitor's turns, from 1, in one sequence for speech and keypad. Every utterance is a
 * turn. A keypad entry is one turn too: a digit opens a new turn unless it continues the entry in
 * progress, i.e. the visitor's previous input was a digit and no prompt has started since (a
 * prompt is the bot's answer; digits after it are a new entry). The greeting is turn 0.
 */
final class VisitorTurns {
    private int last;
    private boolean keying;

    /** An utterance started: its turn. */
    int speechStarted() {
        keying = false;
        return ++last;
    }

    /** A keypad digit arrived: the turn it belongs to. */
    int digit() {
        if (!keying) {
            keying = true;
            last++;
        }
        return last;
    }

    /** A prompt started playing: the next digit starts a new entry. */
    void promptStarted() {
        keying = false;
    }

    /** The latest turn number (0 before the visitor said or keyed anything). */
    int latest() {
        return last;
    }
}
