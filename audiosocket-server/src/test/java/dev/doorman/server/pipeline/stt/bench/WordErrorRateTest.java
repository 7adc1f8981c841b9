package dev.doorman.server.pipeline.stt.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WordErrorRateTest {
    private final WordErrorRate wer = new WordErrorRate();

    @Test
    void normalizesCasePunctuationAndNumbers() {
        assertEquals(List.of("please", "enter", "apartment", "three", "hundred", "two", "then", "press", "pound"),
                wer.normalize("Please enter apartment 302, then press pound."));
        assertEquals(List.of("call", "forward", "on", "busy"), wer.normalize("Call-Forward on Busy."));
        assertEquals(List.of("you'd", "like", "the", "first", "one", "thousand", "five", "hundred"),
                wer.normalize("You'd like the 1st \"1,500\""));
        assertEquals(wer.normalize("three hundred two"), wer.normalize("three hundred and two"));
    }

    @Test
    void countsSubstitutionsDeletionsAndInsertions() {
        WordErrorRate.Score same = wer.score("Thank you.", "thank you");
        assertEquals(0, same.edits());
        WordErrorRate.Score sub = wer.score("please try again", "please cry again");
        assertEquals(1, sub.edits());
        assertEquals(1.0 / 3, sub.rate(), 1e-9);
        assertEquals(1, wer.score("please try again", "please again").edits());
        assertEquals(2, wer.score("please try again", "oh please try again now").edits());
        assertEquals(1.0, wer.rate("press 1", ""), 1e-9);
        assertEquals(0.0, wer.rate("press 1", "press one"), 1e-9);
    }

    @Test
    void parsesReferenceLinesAndSkipsNonSpeech() {
        Map<String, String> refs = new HashMap<>();
        AllisonCorpus.parse("; Core Asterisk Sounds in English", refs);
        AllisonCorpus.parse("auth-thankyou: Thank you.", refs);
        AllisonCorpus.parse("beep: [this is a simple beep tone]", refs);
        AllisonCorpus.parse("digits/5: five", refs);
        AllisonCorpus.parse("at-tone-time-exactly: At the sound of the tone: the time", refs);
        assertEquals(Map.of("auth-thankyou", "Thank you.", "digits/5", "five",
                "at-tone-time-exactly", "At the sound of the tone: the time"), refs);
    }
}
