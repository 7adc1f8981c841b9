package dev.doorman.server.resident;

import dev.doorman.calllogger.CallLogger;
import dev.doorman.calllogger.StageTimer;
import dev.doorman.events.Party;
import dev.doorman.server.dialog.PromptTemplate;
import dev.doorman.server.pipeline.DialogTurnContext;
import dev.doorman.server.pipeline.IntentExtractor;
import dev.doorman.server.pipeline.IntentResult;
import dev.doorman.server.pipeline.intent.RuleIntentExtractor;

import java.util.Map;

/**
 * The resident's side of the visit as a state machine, free of audio and threads: the doorman says
 * who is at the gate and asks for authorization; "yes" / "no" (or keypad 1 / 2) decide; "who is
 * it?" repeats the visitor's details; an unclear answer is asked again, up to {@code maxQuestions};
 * silence is asked about once, then taken as no answer. Every state change is logged as
 * {@code STATE_CHANGE{source:resident}}, the understanding as {@code INTENT_EXTRACTION_*{source:resident}}.
 */
public final class ResidentDialog {
    /** GREETING before the first words, ASKING until a decision, DECIDED after. */
    public enum State { GREETING, ASKING, DECIDED }

    /** Words to say, and the decision when this step made one (the leg hangs up once the words are said). */
    public record Step(String text, ResidentDecision decision) {
        public boolean decides() {
            return decision != null;
        }
    }

    private final ResidentPrompts prompts;
    private final Map<String, String> details;
    private final IntentExtractor extractor;
    private final CallLogger logger;
    private final int maxQuestions;
    private final char yesDigit;
    private final char noDigit;
    private State state = State.GREETING;
    private int questions;
    private int silences;

    public ResidentDialog(ResidentPrompts prompts, Visit visit, IntentExtractor extractor, CallLogger logger,
                          int maxQuestions, char yesDigit, char noDigit) {
        this.prompts = prompts;
        this.details = Map.of("visitor", visit.visitorName() == null ? "a visitor" : visit.visitorName(),
                "purpose", prompts.purpose(visit.intent()), "apartment", visit.apartment());
        this.extractor = extractor;
        this.logger = logger;
        this.maxQuestions = maxQuestions;
        this.yesDigit = yesDigit;
        this.noDigit = noDigit;
    }

    public State state() {
        return state;
    }

    /** Who is at the gate, and the question. */
    public Step start() {
        moveTo(State.ASKING);
        return new Step(render(prompts.greeting()), null);
    }

    public Step onTranscript(int turn, String text) {
        if (state != State.ASKING || text == null || text.isBlank()) {
            return new Step(null, null);
        }
        silences = 0;
        StageTimer.IntentExtraction timer = logger.startIntentExtraction(Party.RESIDENT, turn, extractor.provider());
        IntentResult result = extractor.extract(text, new DialogTurnContext(turn, RuleIntentExtractor.YES_NO_QUESTION, Map.of()));
        timer.complete(result.intent(), result.entities());
        return switch (result.intent()) {
            case IntentResult.AUTHORIZE -> decide(ResidentDecision.AUTHORIZED, "speech");
            case IntentResult.DENY -> decide(ResidentDecision.DENIED, "speech");
            case IntentResult.ASK_WHO -> ask(prompts.whoIsIt());
            default -> ask(prompts.retry());
        };
    }

    /** Keypad: the yes digit authorizes, the no digit denies; other keys are ignored. */
    public Step onDtmf(char digit) {
        if (state != State.ASKING) {
            return new Step(null, null);
        }
        if (digit == yesDigit) {
            return decide(ResidentDecision.AUTHORIZED, "dtmf");
        }
        if (digit == noDigit) {
            return decide(ResidentDecision.DENIED, "dtmf");
        }
        return new Step(null, null);
    }

    /** The resident said nothing after a question: asked once more, then taken as no answer. */
    public Step onNoInput() {
        if (state != State.ASKING) {
            return new Step(null, null);
        }
        if (++silences >= 2) {
            return decide(ResidentDecision.NO_ANSWER, "timeout", prompts.noDecision());
        }
        return new Step(render(prompts.noInput()), null);
    }

    private Step ask(String template) {
        if (++questions >= maxQuestions) {
            return decide(ResidentDecision.NO_ANSWER, "timeout", prompts.noDecision());
        }
        return new Step(render(template), null);
    }

    private Step decide(String decision, String by) {
        return decide(decision, by, decision.equals(ResidentDecision.AUTHORIZED) ? prompts.authorized() : prompts.denied());
    }

    private Step decide(String decision, String by, String words) {
        moveTo(State.DECIDED);
        return new Step(render(words), new ResidentDecision(decision, by));
    }

    private void moveTo(State next) {
        logger.logStateChange(Party.RESIDENT, state.name(), next.name());
        state = next;
    }

    private String render(String template) {
        return PromptTemplate.render(template, details);
    }
}
