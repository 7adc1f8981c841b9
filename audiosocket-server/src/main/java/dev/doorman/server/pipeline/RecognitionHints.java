package dev.doorman.server.pipeline;

/**
 * What the dialog expects the caller to say next, so a recognizer can decode with what the
 * building already knows (a grammar of its residents and apartments) instead of the whole
 * language. Recognizers that cannot use hints ignore them.
 *
 * @param expectation the kind of answer the dialog is waiting for
 */
public record RecognitionHints(Expectation expectation) {
    /** No expectation: free speech. */
    public static final RecognitionHints NONE = new RecognitionHints(Expectation.ANY);

    public RecognitionHints {
        expectation = expectation == null ? Expectation.ANY : expectation;
    }

    public static RecognitionHints expecting(Expectation expectation) {
        return new RecognitionHints(expectation);
    }

    /** The kinds of answer an intercom dialog waits for. */
    public enum Expectation {
        /** Anything: the first turn ("your name and who you are visiting"), mixed free speech. */
        ANY,
        /** The caller's own name: free speech, the directory does not know it. */
        NAME,
        /** A resident and/or apartment of the building. */
        DIRECTORY,
        /** Yes or no, possibly with a correction ("no, Mary Smith"). */
        YES_NO
    }
}
