package dev.doorman.server.dialog;

import dev.doorman.server.pipeline.IntentExtractor;
import dev.doorman.server.pipeline.IntentResult;
import dev.doorman.server.pipeline.StageException;
import dev.doorman.server.pipeline.intent.IntentRules;
import dev.doorman.server.pipeline.intent.RuleIntentExtractor;
import dev.doorman.server.pipeline.intent.SpokenNumberParser;
import dev.doorman.server.pipeline.validation.DirectoryNameSpotter;
import dev.doorman.server.pipeline.validation.NameSimilarity;
import dev.doorman.server.pipeline.validation.TestDirectory;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.doorman.server.dialog.DialogState.CALLING_RESIDENT;
import static dev.doorman.server.dialog.DialogState.COLLECTING;
import static dev.doorman.server.dialog.DialogState.CONFIRMING;
import static dev.doorman.server.dialog.DialogState.GOODBYE;
import static dev.doorman.server.dialog.DialogState.GREETING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IntercomDialogTest {
    private final RuleIntentExtractor rules = new RuleIntentExtractor(IntentRules.english(), SpokenNumberParser.english(),
            new DirectoryNameSpotter(TestDirectory.building(), new NameSimilarity(), 0.85));

    private IntercomDialog dialog(IntentExtractor extractor) {
        return new IntercomDialog(DialogConfig.DEFAULTS, extractor, TestDirectory.validator(), TestDirectory.building());
    }

    private IntercomDialog started() {
        IntercomDialog d = dialog(rules);
        d.start();
        return d;
    }

    @Test
    void greetingMovesToCollecting() {
        IntercomDialog d = dialog(rules);
        DialogResponse r = d.start();
        assertEquals(List.of(new StateTransition(GREETING, COLLECTING)), r.transitions());
        assertEquals(DialogPrompts.ENGLISH.greeting(), r.text());
        assertFalse(r.hangup());
        assertThrows(IllegalStateException.class, d::start);
    }

    @Test
    void everythingInOneSentenceCallsTheResidentThenTellsTheOutcome() {
        IntercomDialog d = started();
        DialogResponse r = d.onTranscript(1,
                "hi my name is peter parker i am here to visit john smith in apartment three oh two");
        assertEquals(new Called("302", "John Smith", "1302"), called(r));
        assertEquals("Peter Parker", r.residentCall().visitorName());
        assertEquals("visit", r.residentCall().purpose());
        assertEquals("Thank you, Peter Parker. I am calling John Smith in apartment 302. Please wait.", r.text());
        assertEquals(List.of(new StateTransition(COLLECTING, CALLING_RESIDENT)), r.transitions());
        assertFalse(r.hangup(), "the visitor waits while the resident is called");
        assertEquals(CALLING_RESIDENT, d.state());
        assertFalse(d.onTranscript(2, "hello?").speaks(), "the visitor's words wait while it rings");
        assertEquals("Still calling John Smith. Please wait.", d.stillCalling("John Smith"));

        DialogResponse told = d.onResidentOutcome("authorized", "John Smith", null);
        assertEquals("John Smith has authorized your visit. Please come in. Goodbye.", told.text());
        assertEquals(List.of(new StateTransition(CALLING_RESIDENT, GOODBYE)), told.transitions());
        assertTrue(told.hangup());
        assertEquals(GOODBYE, d.state());
        assertFalse(d.onTranscript(3, "hello?").speaks(), "nothing after goodbye");
    }

    @Test
    void everyOutcomeIsToldInItsOwnWords() {
        assertEquals("Sorry, John Smith did not authorize your visit. Goodbye.", outcome("denied", null));
        assertEquals("Sorry, John Smith did not answer. Goodbye.", outcome("no_answer", "no_answer"));
        assertEquals("Sorry, John Smith did not answer. Goodbye.", outcome("no_answer", "busy"));
        assertEquals("Sorry, I cannot call John Smith right now. Please try again later. Goodbye.",
                outcome("no_answer", "unavailable"));
        IntercomDialog d = started();
        d.onTranscript(1, "my name is peter parker apartment three hundred and two");
        assertEquals("Sorry, the residents of apartment 302 did not answer. Goodbye.",
                d.onResidentOutcome("no_answer", null, "no_answer").text(), "only the apartment was named");
    }

    private String outcome(String decision, String reason) {
        IntercomDialog d = started();
        d.onTranscript(1, "hi my name is peter parker i am here to visit john smith in apartment three oh two");
        return d.onResidentOutcome(decision, "John Smith", reason).text();
    }

    @Test
    void missingFieldsAreAskedOneByOne() {
        IntercomDialog d = started();
        DialogResponse r = d.onTranscript(1, "i am here to see david miller");
        assertEquals(DialogPrompts.ENGLISH.askName(), r.text());
        assertEquals(COLLECTING, d.state());
        r = d.onTranscript(2, "peter parker");
        assertEquals(new Called("303", "David Miller", "1303"), called(r));
        assertEquals("Thank you, Peter Parker. I am calling David Miller in apartment 303. Please wait.", r.text());
    }

    @Test
    void nameFirstThenApartmentAsABareNumber() {
        IntercomDialog d = started();
        DialogResponse r = d.onTranscript(1, "my name is peter parker");
        assertEquals(DialogPrompts.ENGLISH.askResident(), r.text());
        r = d.onTranscript(2, "four oh one");
        assertEquals(new Called("401", "Sarah Connor", "1401"), called(r),
                "a single resident is named even when only the apartment was said");
    }

    @Test
    void apartmentWithSeveralResidentsCallsTheApartment() {
        IntercomDialog d = started();
        DialogResponse r = d.onTranscript(1, "my name is peter parker apartment three hundred and two");
        assertEquals(new Called("302", null, "1302"), called(r));
        assertEquals("Thank you, Peter Parker. I am calling apartment 302. Please wait.", r.text());
    }

    @Test
    void wrongApartmentIsAskedAgain() {
        IntercomDialog d = started();
        DialogResponse r = d.onTranscript(1, "my name is peter parker apartment nine nine nine");
        assertEquals("Sorry, I could not find apartment 999. Which apartment are you visiting?", r.text());
        assertEquals(COLLECTING, d.state());
        r = d.onTranscript(2, "three oh three");
        assertEquals("303", r.residentCall().apartment().apartment());
    }

    @Test
    void ambiguousLastNameAsksWhich() {
        IntercomDialog d = started();
        DialogResponse r = d.onTranscript(1, "my name is peter parker i am here to visit smith in three oh two");
        assertEquals("There are John Smith and Mary Smith in apartment 302. Which of them are you visiting?", r.text());
        r = d.onTranscript(2, "mary smith");
        assertEquals(new Called("302", "Mary Smith", "1302"), called(r));
    }

    @Test
    void uncertainNameIsConfirmedWithYes() {
        IntercomDialog d = started();
        DialogResponse r = d.onTranscript(1, "my name is peter parker i want to see david mills");
        assertEquals("Did you say David Miller in apartment 303? Please say yes or no.", r.text());
        assertEquals(List.of(new StateTransition(COLLECTING, CONFIRMING)), r.transitions());
        r = d.onTranscript(2, "yes");
        assertEquals(new Called("303", "David Miller", "1303"), called(r));
        assertEquals(new StateTransition(CONFIRMING, CALLING_RESIDENT), r.transitions().get(0));
    }

    @Test
    void confirmationDeniedThenCorrected() {
        IntercomDialog d = started();
        d.onTranscript(1, "my name is peter parker i want to see david mills");
        DialogResponse r = d.onTranscript(2, "no");
        assertEquals(DialogPrompts.ENGLISH.askResident(), r.text());
        assertEquals(List.of(new StateTransition(CONFIRMING, COLLECTING)), r.transitions());
        r = d.onTranscript(3, "sarah connor");
        assertEquals("401", r.residentCall().apartment().apartment());
    }

    @Test
    void confirmationAnsweredWithTheKeypad() {
        IntercomDialog d = started();
        d.onTranscript(1, "my name is peter parker i want to see david mills");
        assertFalse(d.onDtmf('#').speaks(), "a lone # answers nothing");
        assertEquals(CONFIRMING, d.state());
        DialogResponse r = d.onDtmf('1');
        assertEquals("303", r.residentCall().apartment().apartment());

        IntercomDialog other = started();
        other.onTranscript(1, "my name is peter parker i want to see david mills");
        r = other.onDtmf('2');
        assertEquals(COLLECTING, other.state());
        assertNull(r.residentCall());
    }

    @Test
    void keyingAnotherDigitWhileConfirmingKeysAnApartmentInstead() {
        IntercomDialog d = started();
        d.onTranscript(1, "my name is peter parker i want to see david mills");
        assertEquals(CONFIRMING, d.state());
        assertFalse(d.onDtmf('4').speaks());
        assertEquals(COLLECTING, d.state(), "the question is dropped for the keypad");
        assertFalse(d.onDtmf('0').speaks());
        assertFalse(d.onDtmf('1').speaks(), "1 is a digit of the apartment now, not a yes");
        DialogResponse r = d.onDtmf('#');
        assertEquals("401", r.residentCall().apartment().apartment());
    }

    @Test
    void apartmentKeyedIn() {
        IntercomDialog d = started();
        d.onTranscript(1, "my name is peter parker");
        assertFalse(d.onDtmf('9').speaks());
        assertFalse(d.onDtmf('*').speaks(), "star clears");
        for (char c : "101".toCharArray()) {
            assertFalse(d.onDtmf(c).speaks());
        }
        DialogResponse r = d.onDtmf('#');
        assertEquals(new Called("101", "Alice Johnson", "1101"), called(r));
    }

    @Test
    void unclearAnswerWhileConfirmingAsksForYesOrNo() {
        IntercomDialog d = started();
        d.onTranscript(1, "my name is peter parker i want to see david mills");
        DialogResponse r = d.onTranscript(2, "hmm the weather is nice");
        assertEquals(DialogPrompts.ENGLISH.confirmRetry(), r.text());
        assertEquals(CONFIRMING, d.state());
    }

    @Test
    void givesUpPolitelyAfterMaxAttempts() {
        IntercomDialog d = started();
        assertEquals(DialogPrompts.ENGLISH.notUnderstood(), d.onTranscript(1, "blah blah").text());
        assertEquals(DialogPrompts.ENGLISH.notUnderstood(), d.onTranscript(2, "hmm").text());
        DialogResponse r = d.onTranscript(3, "whatever");
        assertEquals(DialogPrompts.ENGLISH.giveUp(), r.text());
        assertTrue(r.hangup());
        assertEquals(List.of(new StateTransition(COLLECTING, GOODBYE)), r.transitions());
        assertNull(r.residentCall());
    }

    @Test
    void progressResetsTheAttempts() {
        IntercomDialog d = started();
        d.onTranscript(1, "blah");
        d.onTranscript(2, "blah");
        assertEquals(DialogPrompts.ENGLISH.askResident(), d.onTranscript(3, "my name is peter parker").text());
        assertFalse(d.onTranscript(4, "blah").hangup());
    }

    @Test
    void noiseGetsNoAnswer() {
        IntercomDialog d = started();
        assertFalse(d.onTranscript(1, "").speaks());
        assertFalse(d.onTranscript(2, "   ").speaks());
        assertEquals(COLLECTING, d.state());
    }

    @Test
    void engineFailureFallsBackAndTheCallGoesOn() {
        IntentExtractor failing = new IntentExtractor() {
            private int calls;

            @Override
            public String provider() {
                return "flaky";
            }

            @Override
            public IntentResult extract(String text, dev.doorman.server.pipeline.DialogTurnContext ctx) {
                if (calls++ == 0) {
                    throw new StageException("intent", StageException.TIMEOUT, "no answer in 2000 ms");
                }
                return rules.extract(text, ctx);
            }
        };
        IntercomDialog d = dialog(failing);
        d.start();
        StageException e = assertThrows(StageException.class, () -> d.onTranscript(1, "my name is peter parker"));
        assertEquals("timeout", e.errorType());
        DialogResponse fallback = d.onStageFailure();
        assertEquals("Sorry, could you say that again?", fallback.text());
        assertFalse(fallback.hangup());
        DialogResponse r = d.onTranscript(2, "my name is peter parker i am visiting sarah connor");
        assertEquals("401", r.residentCall().apartment().apartment());
    }

    @Test
    void noInputRepeatsTheQuestion() {
        IntercomDialog d = started();
        d.onTranscript(1, "my name is peter parker");
        assertEquals(DialogPrompts.ENGLISH.askResident(), d.onNoInput().text());
    }

    /** The apartment, resident and extension the dialog decided to ring. */
    private record Called(String apartment, String resident, String extension) {
    }

    private static Called called(DialogResponse r) {
        ResidentToCall c = r.residentCall();
        return c == null ? null : new Called(c.apartment().apartment(), c.resident(), c.apartment().extension());
    }
}
