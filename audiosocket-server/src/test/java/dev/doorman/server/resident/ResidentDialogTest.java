package dev.doorman.server.resident;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.doorman.calllogger.CallLogger;
import dev.doorman.calllogger.CallLoggerConfig;
import dev.doorman.calllogger.CallLoggerManager;
import dev.doorman.server.pipeline.intent.IntentRules;
import dev.doorman.server.pipeline.intent.NameSpotter;
import dev.doorman.server.pipeline.intent.RuleIntentExtractor;
import dev.doorman.server.pipeline.intent.SpokenNumberParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResidentDialogTest {
    @TempDir
    Path logs;

    private static final Visit VISIT = new Visit(UUID.randomUUID().toString(), "Peter Parker", "delivery", "415",
            List.of(new Visit.Phone("Mary Jones", "1415")));

    private ResidentDialog dialog(CallLogger logger) {
        return new ResidentDialog(ResidentPrompts.ENGLISH, VISIT, new RuleIntentExtractor(IntentRules.english(),
                SpokenNumberParser.english(), NameSpotter.NONE), logger, 3, '1', '2');
    }

    private List<JsonNode> run(java.util.function.Consumer<ResidentDialog> script) throws Exception {
        String id = UUID.randomUUID().toString();
        try (CallLoggerManager loggers = new CallLoggerManager(CallLoggerConfig.builder().logDir(logs).build())) {
            CallLogger logger = loggers.getLogger(id);
            script.accept(dialog(logger));
            logger.logCallEnded("test");
        }
        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(logs.resolve(id + ".jsonl"))) {
            events.add(new ObjectMapper().readTree(line));
        }
        return events;
    }

    @Test
    void greetingSaysWhoIsAtTheGateAndWhy() throws Exception {
        List<JsonNode> events = run(d -> {
            ResidentDialog.Step greeting = d.start();
            assertEquals("Hello, this is the doorman. Peter Parker is at the gate with a delivery for apartment 415. "
                    + "Do you authorize? Say yes or no, or press 1 for yes and 2 for no.", greeting.text());
            assertFalse(greeting.decides());
            assertEquals(ResidentDialog.State.ASKING, d.state());
        });
        JsonNode change = events.stream().filter(e -> e.path("event").asText().equals("STATE_CHANGE")).findFirst().orElseThrow();
        assertEquals("resident", change.path("data").path("source").asText());
        assertEquals("ASKING", change.path("data").path("to").asText());
    }

    @Test
    void yesAndNoDecideBySpeech() throws Exception {
        List<JsonNode> events = run(d -> {
            d.start();
            ResidentDialog.Step yes = d.onTranscript(1, "yes let them in");
            assertEquals(new ResidentDecision("authorized", "speech"), yes.decision());
            assertEquals("Thank you. I will let them in. Goodbye.", yes.text());
            assertNull(d.onTranscript(2, "no wait").text(), "nothing after the decision");
        });
        JsonNode intent = events.stream().filter(e -> e.path("event").asText().equals("INTENT_EXTRACTION_COMPLETE"))
                .findFirst().orElseThrow().path("data");
        assertEquals("authorize", intent.path("intent").asText());
        assertEquals("resident", intent.path("source").asText());
        run(d -> {
            d.start();
            assertEquals(new ResidentDecision("denied", "speech"), d.onTranscript(1, "no").decision());
        });
    }

    @Test
    void whoIsItRepeatsTheDetailsThenAsksAgain() throws Exception {
        run(d -> {
            d.start();
            ResidentDialog.Step who = d.onTranscript(1, "who is it");
            assertEquals("The visitor says they are Peter Parker, here with a delivery for apartment 415. "
                    + "Do you authorize? Say yes or no.", who.text());
            assertFalse(who.decides());
            assertEquals(new ResidentDecision("authorized", "speech"), d.onTranscript(2, "okay yes").decision());
        });
    }

    @Test
    void keypadOneAndTwoDecideOtherKeysAreIgnored() throws Exception {
        run(d -> {
            d.start();
            assertNull(d.onDtmf('5').text());
            assertEquals(new ResidentDecision("denied", "dtmf"), d.onDtmf('2').decision());
        });
        run(d -> {
            d.start();
            assertEquals(new ResidentDecision("authorized", "dtmf"), d.onDtmf('1').decision());
        });
    }

    @Test
    void unclearAnswersAreAskedAgainThenTheDoormanGivesUp() throws Exception {
        run(d -> {
            d.start();
            assertEquals(ResidentPrompts.ENGLISH.retry(), d.onTranscript(1, "banana").text());
            assertEquals(ResidentPrompts.ENGLISH.retry(), d.onTranscript(2, "the weather").text());
            ResidentDialog.Step last = d.onTranscript(3, "hmm");
            assertEquals(new ResidentDecision("no_answer", "timeout"), last.decision(), "maxQuestions is 3");
            assertTrue(last.text().startsWith("I did not get an answer"));
        });
    }

    @Test
    void silenceIsAskedAboutOnceThenTakenAsNoAnswer() throws Exception {
        run(d -> {
            d.start();
            ResidentDialog.Step first = d.onNoInput();
            assertEquals(ResidentPrompts.ENGLISH.noInput(), first.text());
            assertFalse(first.decides());
            assertEquals(new ResidentDecision("no_answer", "timeout"), d.onNoInput().decision());
        });
        run(d -> {
            d.start();
            d.onNoInput();
            d.onTranscript(1, "what"); // spoke: the silence count starts again
            assertFalse(d.onNoInput().decides());
        });
    }
}
