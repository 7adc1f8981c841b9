package dev.doorman.server.pipeline.tts;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SentenceSplitterTest {
    @Test
    void cutsAfterSentenceEndsFollowedBySpace() {
        assertEquals(List.of("Thank you, Peter Parker.", "I am calling David Miller in apartment 303.", "Please wait!",
                        "Is that right?"),
                SentenceSplitter.split("Thank you, Peter Parker. I am calling David Miller in apartment 303.  Please wait!"
                        + "\nIs that right?"));
    }

    @Test
    void keepsTitlesInitialsAndNumbersInTheirSentence() {
        assertEquals(List.of("Mr. Smith and Dr. J. Watson live in apt. 3.5 of St. James road.", "Goodbye."),
                SentenceSplitter.split("Mr. Smith and Dr. J. Watson live in apt. 3.5 of St. James road. Goodbye."));
    }

    @Test
    void aTextWithoutAnEndIsOneSentence() {
        assertEquals(List.of("Which apartment"), SentenceSplitter.split("  Which apartment "));
        assertEquals(List.of("Yes."), SentenceSplitter.split("Yes."));
        assertEquals(List.of("Wait...", "what?"), SentenceSplitter.split("Wait... what?"));
    }
}
