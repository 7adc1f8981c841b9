package dev.doorman.server.pipeline.intent;

import dev.doorman.server.pipeline.DialogTurnContext;
import dev.doorman.server.pipeline.IntentResult;
import dev.doorman.server.pipeline.validation.DirectoryNameSpotter;
import dev.doorman.server.pipeline.validation.NameSimilarity;
import dev.doorman.server.pipeline.validation.TestDirectory;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class RuleIntentExtractorTest {
    private final RuleIntentExtractor english = new RuleIntentExtractor(IntentRules.english(),
            SpokenNumberParser.english(),
            new DirectoryNameSpotter(TestDirectory.building(), new NameSimilarity(), 0.85));

    private static DialogTurnContext state(String state) {
        return new DialogTurnContext(1, state, Map.of());
    }

    @Test
    void fullVisitSentenceAsVoskWritesIt() {
        IntentResult r = english.extract(
                "hi my name is peter parker i am here to visit john smith in apartment three oh two",
                state("COLLECTING"));
        assertEquals("visit", r.intent());
        assertEquals(Map.of("visitor_name", "Peter Parker", "resident_name", "John Smith", "apartment", "302"),
                r.entities());
    }

    @Test
    void deliveryWithSpokenHundreds() {
        IntentResult r = english.extract("i have a package for apartment three hundred and two", state("COLLECTING"));
        assertEquals("delivery", r.intent());
        assertEquals("302", r.entities().get("apartment"));
        assertFalse(r.entities().containsKey("resident_name"), r.entities().toString());
    }

    @Test
    void serviceAndOtherNamePhrases() {
        IntentResult r = english.extract("this is Bob the plumber, I'm here to fix the sink for Mary Smith",
                state("COLLECTING"));
        assertEquals("service", r.intent());
        assertEquals("Bob", r.entities().get("visitor_name"));
        assertEquals("Mary Smith", r.entities().get("resident_name"));
    }

    @Test
    void residentSpottedWithoutAPhrase() {
        IntentResult r = english.extract("john smith please", state("ASK_APARTMENT"));
        assertEquals("John Smith", r.entities().get("resident_name"));
    }

    @Test
    void bareNameAnswersTheNameQuestion() {
        IntentResult r = english.extract("peter parker", state("ASK_NAME"));
        assertEquals(Map.of("visitor_name", "Peter Parker"), r.entities());
        // The same words without the question are not taken as the visitor's name.
        assertEquals(Map.of(), english.extract("peter parker", state("COLLECTING")).entities());
    }

    @Test
    void bareNumberIsTheApartment() {
        assertEquals(Map.of("apartment", "302"), english.extract("three oh two", state("ASK_APARTMENT")).entities());
        assertEquals(Map.of("apartment", "1204"), english.extract("twelve oh four", state("ASK_APARTMENT")).entities());
    }

    @Test
    void misheardDigitsAfterAnApartmentWord() {
        assertEquals("302", english.extract("in apartments free oh two", state("COLLECTING")).entities().get("apartment"));
        assertEquals("402", english.extract("apartment for oh two", state("COLLECTING")).entities().get("apartment"));
        IntentResult r = english.extract("apartment three oh two for john smith", state("COLLECTING"));
        assertEquals("302", r.entities().get("apartment"), "a 'for' after the number stays a word");
        assertEquals("John Smith", r.entities().get("resident_name"));
        assertEquals(Map.of(), english.extract("feel free to call", state("COLLECTING")).entities());
    }

    @Test
    void yesAndNo() {
        assertEquals("authorize", english.extract("yes that's right", state("CONFIRMING")).intent());
        assertEquals("deny", english.extract("no", state("CONFIRMING")).intent());
        assertEquals("ask_who", english.extract("who is it", state("COLLECTING")).intent());
    }

    @Test
    void emptyOrNoiseIsUnknownWithoutEntities() {
        assertEquals(IntentResult.unknown(), english.extract("", state("COLLECTING")));
        assertEquals(IntentResult.unknown(), english.extract("  ...  ", state("COLLECTING")));
        assertEquals("unknown", english.extract("the", state("COLLECTING")).intent());
    }

    @Test
    void brazilianPortuguese() {
        RuleIntentExtractor pt = new RuleIntentExtractor(IntentRules.portuguese(),
                SpokenNumberParser.brazilianPortuguese(), NameSpotter.NONE);
        IntentResult r = pt.extract("oi meu nome é pedro santos vim visitar o joão oliveira no apartamento duzentos e dois",
                state("COLLECTING"));
        assertEquals("visit", r.intent());
        assertEquals(Map.of("visitor_name", "Pedro Santos", "resident_name", "Joao Oliveira", "apartment", "202"),
                r.entities());
        IntentResult delivery = pt.extract("entrega do ifood para o trezentos e dois", state("COLLECTING"));
        assertEquals("delivery", delivery.intent());
        assertEquals("302", delivery.entities().get("apartment"));
        assertEquals("authorize", pt.extract("sim", state("CONFIRMING")).intent());
        assertEquals("deny", pt.extract("não", state("CONFIRMING")).intent());
    }

    @Test
    void afterAYesNoQuestionOnlyAnswersCompete() {
        RuleIntentExtractor rules = new RuleIntentExtractor(IntentRules.english(), SpokenNumberParser.english(), NameSpotter.NONE);
        String reply = "yeah i order it";
        assertEquals("delivery", rules.extract(reply, new DialogTurnContext(1, "COLLECTING", Map.of())).intent(),
                "an open question: the delivery word is listed first and ties");
        assertEquals("authorize", rules.extract(reply,
                new DialogTurnContext(1, RuleIntentExtractor.YES_NO_QUESTION, Map.of())).intent());
        assertEquals("ask_who", rules.extract("who is it",
                new DialogTurnContext(1, RuleIntentExtractor.YES_NO_QUESTION, Map.of())).intent());
        assertEquals("unknown", rules.extract("pizza delivery",
                new DialogTurnContext(1, RuleIntentExtractor.YES_NO_QUESTION, Map.of())).intent());
    }
}
