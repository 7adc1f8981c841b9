package dev.doorman.server.dialog;

import dev.doorman.server.pipeline.RecognitionHints.Expectation;
import dev.doorman.server.pipeline.Transcript;
import dev.doorman.server.pipeline.Transcript.Hypothesis;
import dev.doorman.server.pipeline.intent.IntentRules;
import dev.doorman.server.pipeline.intent.RuleIntentExtractor;
import dev.doorman.server.pipeline.intent.SpokenNumberParser;
import dev.doorman.server.pipeline.validation.BuildingDirectory;
import dev.doorman.server.pipeline.validation.DirectoryEntry;
import dev.doorman.server.pipeline.validation.DirectoryNameSpotter;
import dev.doorman.server.pipeline.validation.FuzzyDirectoryValidator;
import dev.doorman.server.pipeline.validation.MatchThresholds;
import dev.doorman.server.pipeline.validation.NameSimilarity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The collecting/confirming rules that keep the doorman from ringing the wrong resident. */
class IntercomDialogRecognitionTest {
    private final BuildingDirectory building = new BuildingDirectory(List.of(
            new DirectoryEntry("201", List.of("John Smith", "Joan Smyth"), "1201"),
            new DirectoryEntry("303", List.of("David Miller"), "1303"),
            new DirectoryEntry("507", List.of("Nina Petrova"), "1507"),
            new DirectoryEntry("1202", List.of("Ivan Petrov"), "2202")));

    private IntercomDialog started() {
        NameSimilarity similarity = new NameSimilarity();
        RuleIntentExtractor rules = new RuleIntentExtractor(IntentRules.english(), SpokenNumberParser.english(),
                new DirectoryNameSpotter(building, similarity, 0.85), a -> building.apartment(a).isPresent());
        IntercomDialog d = new IntercomDialog(DialogConfig.DEFAULTS, rules,
                new FuzzyDirectoryValidator(building, similarity, MatchThresholds.DEFAULTS), building);
        d.start();
        return d;
    }

    private IntercomDialog named() {
        IntercomDialog d = started();
        d.onTranscript(1, "my name is peter parker");
        return d;
    }

    @Test
    void theRecognizerIsToldWhatAnswerIsExpected() {
        IntercomDialog d = started();
        assertEquals(Expectation.ANY, d.recognitionHints().expectation());
        d.onTranscript(1, "my name is peter parker");
        assertEquals(Expectation.DIRECTORY, d.recognitionHints().expectation());
        IntercomDialog apartmentFirst = started();
        apartmentFirst.onTranscript(1, "apartment three oh three");
        assertEquals(Expectation.NAME, apartmentFirst.recognitionHints().expectation());
        d.onTranscript(2, "apartment three oh four");
        assertEquals(DialogState.CONFIRMING, d.state());
        assertEquals(Expectation.YES_NO, d.recognitionHints().expectation());
    }

    @Test
    void aNumberNotInTheBuildingButOneDigitFromOneIsConfirmedNeverGuessed() {
        IntercomDialog d = named();
        DialogResponse r = d.onTranscript(2, "apartment five seven");
        assertNull(called(r));
        assertEquals("Did you say Nina Petrova in apartment 507? Please say yes or no.", r.text());
        assertEquals(new Called("507", "Nina Petrova", "1507"), called(d.onTranscript(3, "yes")));
    }

    @Test
    void aNoWithACorrectionIsTaken() {
        IntercomDialog d = named();
        d.onTranscript(2, "apartment three oh four"); // 304: one digit from 303
        assertEquals(DialogState.CONFIRMING, d.state());
        DialogResponse r = d.onTranscript(3, "no nina petrova");
        assertEquals(new Called("507", "Nina Petrova", "1507"), called(r));
    }

    @Test
    void soundAlikeResidentsOfOneFlatAreAskedAboutThenTheFlatIsRung() {
        IntercomDialog d = named();
        DialogResponse r = d.onTranscript(2, "john smith");
        assertNull(called(r));
        assertEquals("There are John Smith and Joan Smyth in apartment 201. Which of them are you visiting?", r.text());
        r = d.onTranscript(3, "john smith");
        assertEquals(new Called("201", null, "1201"), called(r), "both live there: ring the flat");
    }

    @Test
    void soundAlikeResidentsOfDifferentFlatsAreAskedForTheApartment() {
        IntercomDialog d = named();
        DialogResponse r = d.onTranscript(2, "petrova");
        assertEquals("There are Nina Petrova in apartment 507 and Ivan Petrov in apartment 1202. "
                + "Which apartment are you visiting?", r.text());
        assertEquals(new Called("507", "Nina Petrova", "1507"), called(d.onTranscript(3, "five oh seven")));
    }

    @Test
    void aNameHeardWithLowConfidenceIsConfirmed() {
        IntercomDialog d = named();
        DialogResponse r = d.onTranscript(2, new Transcript("david miller", 0.45));
        assertEquals("Did you say David Miller in apartment 303? Please say yes or no.", r.text());
        IntercomDialog sure = named();
        assertEquals(new Called("303", "David Miller", "1303"),
                called(sure.onTranscript(2, new Transcript("david miller", 0.97))));
    }

    @Test
    void anApartmentThatIsNotTheNamedResidentsIsConfirmedWithTheirs() {
        IntercomDialog d = named();
        DialogResponse r = d.onTranscript(2, new Transcript("david miller apartment oh three", 0.97));
        assertEquals("Did you say David Miller in apartment 303? Please say yes or no.", r.text());
    }

    @Test
    void theGrammarReadingGivesTheResidentAndTheFreeReadingTheVisitorsName() {
        IntercomDialog d = started();
        Transcript heard = new Transcript("hi my name is peter parker i'm here to see the german headed", 0.8,
                List.of(new Hypothesis("hi my name is here to see david miller", 0.93, Hypothesis.GRAMMAR)));
        DialogResponse r = d.onTranscript(1, heard);
        assertEquals("Did you say David Miller in apartment 303? Please say yes or no.", r.text(),
                "only the grammar heard the resident: said back first");
        r = d.onTranscript(2, new Transcript("yes", 1.0, Hypothesis.GRAMMAR, List.of()));
        assertEquals(new Called("303", "David Miller", "1303"), called(r));
        assertEquals("Thank you, Peter Parker. I am calling David Miller in apartment 303. Please wait.", r.text());
    }

    @Test
    void whatOnlyTheGrammarDecoderHeardIsSaidBackUnlessNameAndApartmentAgree() {
        // A grammar decoder answers with directory words even for a mumble, at confidence 1.00.
        IntercomDialog d = named();
        DialogResponse r = d.onTranscript(2, new Transcript("david miller", 1.0, Hypothesis.GRAMMAR, List.of()));
        assertEquals("Did you say David Miller in apartment 303? Please say yes or no.", r.text());
        IntercomDialog number = named();
        r = number.onTranscript(2, new Transcript("apartment three oh three", 1.0, Hypothesis.GRAMMAR, List.of()));
        assertEquals("Did you say David Miller in apartment 303? Please say yes or no.", r.text());
        IntercomDialog both = named();
        r = both.onTranscript(2, new Transcript("david miller apartment three oh three", 1.0, Hypothesis.GRAMMAR,
                List.of()));
        assertEquals(new Called("303", "David Miller", "1303"), called(r), "two facts that agree");
    }

    @Test
    void theGrammarReadingIsTakenWithoutAQuestionWhenTheFreeReadingAgrees() {
        IntercomDialog d = started();
        Transcript heard = new Transcript("my name is peter parker i'm here to see david miller", 0.9,
                List.of(new Hypothesis("my name is here to see david miller", 1.0, Hypothesis.GRAMMAR)));
        assertEquals(new Called("303", "David Miller", "1303"), called(d.onTranscript(1, heard)));
    }

    /** The apartment, resident and extension the dialog decided to ring. */
    private record Called(String apartment, String resident, String extension) {
    }

    private static Called called(DialogResponse r) {
        ResidentToCall c = r.residentCall();
        return c == null ? null : new Called(c.apartment().apartment(), c.resident(), c.apartment().extension());
    }
}
