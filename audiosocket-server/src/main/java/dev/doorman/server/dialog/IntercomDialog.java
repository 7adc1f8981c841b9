package dev.doorman.server.dialog;

import dev.doorman.server.pipeline.DialogTurnContext;
import dev.doorman.server.pipeline.DirectoryValidator;
import dev.doorman.server.pipeline.IntentExtractor;
import dev.doorman.server.pipeline.IntentResult;
import dev.doorman.server.pipeline.Match;
import dev.doorman.server.pipeline.intent.RuleIntentExtractor;
import dev.doorman.server.pipeline.validation.BuildingDirectory;
import dev.doorman.server.pipeline.validation.DirectoryEntry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The intercom conversation as a state machine, free of audio and threads:
 * GREETING -> COLLECTING (visitor's name, apartment or resident; asks again for what is missing or
 * not found) -> CONFIRMING (when the name match is uncertain) -> CALLING_RESIDENT -> GOODBYE.
 *
 * <p>Inputs are transcripts, DTMF digits, a stage failure or a no-input timeout; each returns a
 * {@link DialogResponse}. After {@code maxAttempts} turns in a row without progress the doorman says
 * goodbye. The stages it calls (extractor, validator) may throw {@code StageException}; the caller
 * then reports the failure with {@link #onStageFailure()}. Not thread-safe: one call, one thread at a
 * time.
 */
public final class IntercomDialog {
    private static final Set<String> PURPOSES = Set.of(IntentResult.VISIT, IntentResult.DELIVERY, IntentResult.SERVICE);

    private final DialogConfig config;
    private final DialogPrompts prompts;
    private final IntentExtractor extractor;
    private final DirectoryValidator validator;
    private final BuildingDirectory directory;

    private DialogState state = DialogState.GREETING;
    private String purpose;
    private String visitorName;
    private DirectoryEntry apartment;
    private String resident;
    private Candidate pending;
    private int failedTurns;
    private final StringBuilder keyed = new StringBuilder();
    private List<StateTransition> transitions = new ArrayList<>();

    /** A resident the doorman is unsure it heard right; {@code apartment} may be null. */
    private record Candidate(String resident, DirectoryEntry apartment) { }

    public IntercomDialog(DialogConfig config, IntentExtractor extractor, DirectoryValidator validator,
                          BuildingDirectory directory) {
        this.config = config;
        this.prompts = config.prompts();
        this.extractor = extractor;
        this.validator = validator;
        this.directory = directory;
    }

    public DialogState state() {
        return state;
    }

    /** The visit's purpose so far: visit, delivery or service (null until said). */
    public String purpose() {
        return purpose;
    }

    /** Greets the visitor; the greeting prompt is fixed, so it can be synthesized once and cached. */
    public DialogResponse start() {
        if (state != DialogState.GREETING) {
            throw new IllegalStateException("dialog already started");
        }
        moveTo(DialogState.COLLECTING);
        return respond(prompts.greeting(), null, false);
    }

    /** The greeting text, for warming the synthesis cache. */
    public String greeting() {
        return prompts.greeting();
    }

    /** The spoken fallback for a failed stage, for synthesis when the answer itself cannot be spoken. */
    public String fallbackText() {
        return prompts.fallback();
    }

    /** A transcript of the visitor's turn; blank text (noise) gets no answer and changes nothing. */
    public DialogResponse onTranscript(int turn, String text) {
        if (text == null || text.isBlank() || isOver()) {
            return DialogResponse.silent();
        }
        IntentResult result = extractor.extract(text, new DialogTurnContext(turn, expecting(), known()));
        if (state == DialogState.CONFIRMING) {
            return confirming(result);
        }
        return collect(result);
    }

    /** A keypad digit: 1/2 answer a confirmation; digits then # key in the apartment; * clears. */
    public DialogResponse onDtmf(char digit) {
        if (isOver()) {
            return DialogResponse.silent();
        }
        if (state == DialogState.CONFIRMING) {
            if (digit == config.yesDigit()) {
                return acceptPending();
            }
            if (digit == config.noDigit()) {
                return rejectPending();
            }
            return DialogResponse.silent();
        }
        if (digit == '*') {
            keyed.setLength(0);
            return DialogResponse.silent();
        }
        if (digit == config.submitDigit()) {
            if (keyed.isEmpty()) {
                return DialogResponse.silent();
            }
            String apartmentDigits = keyed.toString();
            keyed.setLength(0);
            return collect(new IntentResult(IntentResult.UNKNOWN, Map.of(IntentResult.APARTMENT, apartmentDigits)));
        }
        if (Character.isDigit(digit)) {
            keyed.append(digit);
        }
        return DialogResponse.silent();
    }

    /** A stage failed or timed out: apologise and let the visitor try again (counts as an attempt). */
    public DialogResponse onStageFailure() {
        if (isOver()) {
            return DialogResponse.silent();
        }
        return retry(prompts.fallback());
    }

    /** The visitor said nothing for a while after the doorman spoke: ask again (counts as an attempt). */
    public DialogResponse onNoInput() {
        if (isOver()) {
            return DialogResponse.silent();
        }
        return retry(state == DialogState.CONFIRMING ? prompts.confirmRetry() : nextQuestion());
    }

    /** True once the visitor has nothing more to tell the doorman (the resident is being called, or goodbye). */
    public boolean isOver() {
        return state == DialogState.GOODBYE || state == DialogState.CALLING_RESIDENT;
    }

    // --- COLLECTING -------------------------------------------------------------------------

    private DialogResponse collect(IntentResult result) {
        boolean progress = false;
        String problem = null;
        if (PURPOSES.contains(result.intent()) && !result.intent().equals(purpose)) {
            purpose = result.intent();
        }
        Map<String, String> entities = result.entities();
        String name = entities.get(IntentResult.VISITOR_NAME);
        if (name != null && !name.isBlank() && !name.equals(visitorName)) {
            visitorName = name;
            progress = true;
        }
        String heardApartment = entities.get(IntentResult.APARTMENT);
        if (heardApartment != null) {
            Match m = validator.validateApartment(heardApartment);
            if (m.valid()) {
                DirectoryEntry entry = directory.apartment(m.match()).orElseThrow();
                if (!entry.equals(apartment)) {
                    apartment = entry;
                    if (resident != null && !entry.residents().contains(resident)) {
                        resident = null;
                    }
                    progress = true;
                }
            } else {
                problem = render(prompts.apartmentNotFound(), Map.of("heard", heardApartment));
            }
        }
        String heardResident = entities.get(IntentResult.RESIDENT_NAME);
        if (heardResident != null && problem == null) {
            Match m = validator.validateResident(heardResident, apartment == null ? null : apartment.apartment());
            if (m.ambiguous()) {
                List<DirectoryEntry> homes = homesOf(m.alternatives().get(0));
                DirectoryEntry home = apartment != null ? apartment : homes.size() == 1 ? homes.get(0) : null;
                problem = render(prompts.ambiguous(), Map.of(
                        "alternatives", joinNames(m.alternatives()),
                        "apartment", home == null ? "" : home.apartment()));
            } else if (m.valid()) {
                progress |= acceptResident(m.match());
            } else if (m.match() != null) {
                List<DirectoryEntry> homes = homesOf(m.match());
                pending = new Candidate(m.match(), apartment != null ? apartment : homes.size() == 1 ? homes.get(0) : null);
                return askConfirmation();
            } else {
                problem = render(prompts.residentNotFound(), Map.of("heard", heardResident));
            }
        }
        if (problem != null) {
            return retry(problem);
        }
        if (apartment != null && visitorName != null) {
            return callResident();
        }
        if (!progress) {
            return retry(prompts.notUnderstood());
        }
        failedTurns = 0;
        return respond(nextQuestion(), null, false);
    }

    // Returns true if something new was learned.
    private boolean acceptResident(String name) {
        boolean changed = !name.equals(resident);
        resident = name;
        if (apartment == null || !apartment.residents().contains(name)) {
            List<DirectoryEntry> homes = homesOf(name);
            if (homes.size() == 1) {
                changed |= !homes.get(0).equals(apartment);
                apartment = homes.get(0);
            } else {
                apartment = null; // the same name in several apartments: ask which
            }
        }
        return changed;
    }

    private String nextQuestion() {
        if (apartment == null && resident == null) {
            return visitorName == null ? prompts.notUnderstood() : prompts.askResident();
        }
        if (apartment == null) {
            return prompts.askApartment();
        }
        return prompts.askName();
    }

    private String expecting() {
        if (state == DialogState.CONFIRMING) {
            return DialogState.CONFIRMING.name();
        }
        if (visitorName == null && (apartment != null || resident != null)) {
            return RuleIntentExtractor.ASK_NAME;
        }
        if (visitorName != null && apartment == null) {
            return RuleIntentExtractor.ASK_APARTMENT;
        }
        return DialogState.COLLECTING.name();
    }

    private Map<String, String> known() {
        Map<String, String> known = new HashMap<>();
        if (visitorName != null) {
            known.put(IntentResult.VISITOR_NAME, visitorName);
        }
        if (apartment != null) {
            known.put(IntentResult.APARTMENT, apartment.apartment());
        }
        if (resident != null) {
            known.put(IntentResult.RESIDENT_NAME, resident);
        }
        return known;
    }

    // --- CONFIRMING -------------------------------------------------------------------------

    private DialogResponse askConfirmation() {
        if (state != DialogState.CONFIRMING) {
            moveTo(DialogState.CONFIRMING);
        }
        String template = pending.apartment() == null ? prompts.confirmResident() : prompts.confirm();
        return respond(render(template, Map.of("resident", pending.resident(),
                "apartment", pending.apartment() == null ? "" : pending.apartment().apartment())), null, false);
    }

    private DialogResponse confirming(IntentResult result) {
        boolean newFacts = result.entities().containsKey(IntentResult.RESIDENT_NAME)
                || result.entities().containsKey(IntentResult.APARTMENT);
        if (newFacts) { // "No, Mary Smith": a correction, not a yes/no
            pending = null;
            moveTo(DialogState.COLLECTING);
            return collect(result);
        }
        if (IntentResult.AUTHORIZE.equals(result.intent())) {
            return acceptPending();
        }
        if (IntentResult.DENY.equals(result.intent())) {
            return rejectPending();
        }
        return retry(prompts.confirmRetry());
    }

    private DialogResponse acceptPending() {
        Candidate accepted = pending;
        pending = null;
        failedTurns = 0;
        if (accepted.apartment() != null) {
            apartment = accepted.apartment();
            resident = accepted.resident();
        } else {
            acceptResident(accepted.resident());
        }
        if (apartment != null && visitorName != null) {
            return callResident();
        }
        moveTo(DialogState.COLLECTING);
        return respond(nextQuestion(), null, false);
    }

    private DialogResponse rejectPending() {
        pending = null;
        moveTo(DialogState.COLLECTING);
        return retry(prompts.askResident());
    }

    // --- ending -----------------------------------------------------------------------------

    private DialogResponse callResident() {
        String who = resident;
        if (who == null && apartment.residents().size() == 1) {
            who = apartment.residents().get(0);
        }
        moveTo(DialogState.CALLING_RESIDENT);
        Map<String, String> values = new HashMap<>();
        values.put("name", visitorName);
        values.put("apartment", apartment.apartment());
        values.put("resident", who);
        String calling = render(who == null ? prompts.callingApartment() : prompts.callingResident(), values);
        return respond(calling, new ResidentToCall(apartment, who, visitorName, purpose), false);
    }

    /**
     * The call to the resident ended with {@code decision}; the visitor is told and the doorman says
     * goodbye. {@code reason} is why nobody decided (the last attempt's outcome: no_answer, busy,
     * failed, unavailable), null when the resident answered.
     */
    public DialogResponse onResidentOutcome(String decision, String resident, String reason) {
        if (state != DialogState.CALLING_RESIDENT) {
            return DialogResponse.silent();
        }
        String template = switch (decision) {
            case "authorized" -> prompts.authorized();
            case "denied" -> prompts.denied();
            default -> "unavailable".equals(reason) || "failed".equals(reason) ? prompts.residentUnavailable()
                    : prompts.noAnswer();
        };
        moveTo(DialogState.GOODBYE);
        return respond(render(template, Map.of("resident", residentOrApartment(resident))) + " " + prompts.goodbye(),
                null, true);
    }

    /** While the resident's phone rings: "Still calling Mary Jones, please wait." */
    public String stillCalling(String resident) {
        return render(prompts.stillCalling(), Map.of("resident", residentOrApartment(resident)));
    }

    /** The resident picked up and is being asked. */
    public String residentAnswered(String resident) {
        return render(prompts.residentAnswered(), Map.of("resident", residentOrApartment(resident)));
    }

    private String residentOrApartment(String resident) {
        return resident != null ? resident
                : render(prompts.apartmentResidents(), Map.of("apartment", apartment == null ? "" : apartment.apartment()));
    }

    private DialogResponse retry(String prompt) {
        failedTurns++;
        if (failedTurns >= config.maxAttempts()) {
            moveTo(DialogState.GOODBYE);
            return respond(prompts.giveUp(), null, true);
        }
        return respond(prompt, null, false);
    }

    private void moveTo(DialogState next) {
        transitions.add(new StateTransition(state, next));
        state = next;
    }

    private DialogResponse respond(String text, ResidentToCall call, boolean hangup) {
        DialogResponse response = new DialogResponse(transitions, text, call, hangup);
        transitions = new ArrayList<>();
        return response;
    }

    private List<DirectoryEntry> homesOf(String name) {
        return directory.apartmentsOf(name);
    }

    private String joinNames(List<String> names) {
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " " + prompts.conjunction() + " "
                + names.get(names.size() - 1);
    }

    private static String render(String template, Map<String, String> values) {
        return PromptTemplate.render(template, new LinkedHashMap<>(values));
    }
}
