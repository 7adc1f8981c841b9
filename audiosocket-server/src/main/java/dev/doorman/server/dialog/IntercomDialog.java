package dev.doorman.server.dialog;

import dev.doorman.server.pipeline.DialogTurnContext;
import dev.doorman.server.pipeline.DirectoryValidator;
import dev.doorman.server.pipeline.IntentExtractor;
import dev.doorman.server.pipeline.IntentResult;
import dev.doorman.server.pipeline.Match;
import dev.doorman.server.pipeline.RecognitionHints;
import dev.doorman.server.pipeline.Transcript;
import dev.doorman.server.pipeline.intent.RuleIntentExtractor;
import dev.doorman.server.pipeline.validation.BuildingDirectory;
import dev.doorman.server.pipeline.validation.DirectoryEntry;
import dev.doorman.server.pipeline.validation.NameSimilarity;

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
    /** How sure the recognizer was of the reading being processed (NaN: unknown). */
    private double readingConfidence = Double.NaN;
    /** False when only a grammar decoder heard the reading's resident or apartment (see onTranscript). */
    private boolean readingCorroborated = true;
    /** The residents the doorman last asked the visitor to choose between. */
    private List<String> askedToChoose = List.of();
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
        return onTranscript(turn, new Transcript(text, Double.NaN));
    }

    /**
     * A transcript with its alternative readings (a grammar decode beside the free one, n-best):
     * the reading the building directory supports best gives the resident and apartment; the
     * main (free) reading keeps the visitor's name and intent.
     */
    public DialogResponse onTranscript(int turn, Transcript transcript) {
        if (transcript == null || isOver()
                || (transcript.isEmpty() && transcript.alternatives().stream().allMatch(h -> h.text().isBlank()))) {
            return DialogResponse.silent();
        }
        DialogTurnContext ctx = new DialogTurnContext(turn, expecting(), known());
        IntentResult result = transcript.isEmpty() ? IntentResult.unknown() : extractor.extract(transcript.text(), ctx);
        double confidence = transcript.confidence();
        int support = directorySupport(result);
        IntentResult free = transcript.source().equals(Transcript.Hypothesis.GRAMMAR) ? null : result;
        boolean fromGrammar = free == null;
        for (Transcript.Hypothesis reading : transcript.alternatives()) {
            if (reading.text().isBlank()) {
                continue;
            }
            IntentResult alternative = extractor.extract(reading.text(), ctx);
            int s = directorySupport(alternative);
            if (s > support || (s == support && s > 0 && Transcript.Hypothesis.GRAMMAR.equals(reading.source()))) {
                result = withDirectoryEntities(result, alternative);
                confidence = reading.confidence();
                support = s;
                fromGrammar = Transcript.Hypothesis.GRAMMAR.equals(reading.source());
            }
        }
        // A grammar decoder always answers with directory words, confidently even on a mumble
        // (measured: confidence 1.00 on a misheard name), so its reading alone is not acted on:
        // it must agree with the free reading, or name a resident together with their apartment.
        boolean corroborated = !fromGrammar || agree(free, result) || residentWithTheirApartment(result);
        readingConfidence = confidence;
        readingCorroborated = corroborated;
        if (state == DialogState.CONFIRMING) {
            return confirming(result);
        }
        return collect(result);
    }

    /**
     * A keypad digit: 1/2 answer a confirmation; digits then # key in the apartment; * clears. Any
     * other digit while confirming starts keying an apartment: the visitor chose the keypad over
     * the question, which is dropped.
     */
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
            if (!Character.isDigit(digit)) {
                return DialogResponse.silent();
            }
            pending = null;
            keyed.setLength(0);
            moveTo(DialogState.COLLECTING);
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

    /** What the visitor is expected to say next, for the recognizer (e.g. to decode with the directory's grammar). */
    public RecognitionHints recognitionHints() {
        if (state == DialogState.CONFIRMING) {
            return RecognitionHints.expecting(RecognitionHints.Expectation.YES_NO);
        }
        String expecting = expecting();
        if (RuleIntentExtractor.ASK_NAME.equals(expecting)) {
            return RecognitionHints.expecting(RecognitionHints.Expectation.NAME);
        }
        if (visitorName != null) {
            return RecognitionHints.expecting(RecognitionHints.Expectation.DIRECTORY);
        }
        return RecognitionHints.NONE;
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
            if (m.valid() && !readingCorroborated && entities.get(IntentResult.RESIDENT_NAME) == null) {
                DirectoryEntry heard = directory.apartment(m.match()).orElseThrow();
                pending = new Candidate(heard.residents().size() == 1 ? heard.residents().get(0) : null, heard);
                return askConfirmation(); // a number only the grammar heard: say it back
            }
            if (m.valid()) {
                DirectoryEntry entry = directory.apartment(m.match()).orElseThrow();
                if (!entry.equals(apartment)) {
                    apartment = entry;
                    if (resident != null && !entry.residents().contains(resident)) {
                        resident = null;
                    }
                    progress = true;
                }
            } else if (m.match() != null && !m.ambiguous()) {
                // Not in the building but one digit from an apartment that is: ask, never guess.
                DirectoryEntry near = directory.apartment(m.match()).orElseThrow();
                pending = new Candidate(near.residents().size() == 1 ? near.residents().get(0) : null, near);
                return askConfirmation();
            } else if (entities.get(IntentResult.RESIDENT_NAME) == null) {
                problem = render(prompts.apartmentNotFound(), Map.of("heard", heardApartment));
            }
            // else: the name decides below, confirmed with its own apartment
        }
        boolean apartmentDoubt = heardApartment != null && apartment == null;
        String heardResident = entities.get(IntentResult.RESIDENT_NAME);
        if (heardResident != null && problem == null) {
            Match m = validator.validateResident(heardResident, apartment == null ? null : apartment.apartment(),
                    readingCorroborated ? readingConfidence : 0.0);
            if (m.ambiguous()) {
                DirectoryEntry shared = sharedHome(m.alternatives());
                if (shared != null && askedToChoose.equals(m.alternatives())) {
                    // Asked once already and still cannot tell them apart: they live together, ring the flat.
                    askedToChoose = List.of();
                    progress |= !shared.equals(apartment) || resident != null;
                    apartment = shared;
                    resident = null;
                } else if (shared != null) {
                    askedToChoose = m.alternatives();
                    problem = render(prompts.ambiguous(), Map.of(
                            "alternatives", joinNames(m.alternatives()), "apartment", shared.apartment()));
                } else {
                    askedToChoose = m.alternatives();
                    problem = render(prompts.ambiguousApartments(), Map.of("alternatives", joinNames(
                            m.alternatives().stream().map(this::withHomes).toList())));
                }
            } else if (m.valid() && apartmentDoubt && homesOf(m.match()).size() == 1) {
                pending = new Candidate(m.match(), homesOf(m.match()).get(0)); // the number said was not theirs
                return askConfirmation();
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
            return RuleIntentExtractor.YES_NO_QUESTION;
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
        String template = pending.apartment() == null ? prompts.confirmResident()
                : pending.resident() == null ? prompts.confirmApartment() : prompts.confirm();
        return respond(render(template, Map.of("resident", pending.resident() == null ? "" : pending.resident(),
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

    // The apartment all these residents share, or null when they live apart.
    private DirectoryEntry sharedHome(List<String> residents) {
        DirectoryEntry shared = apartment;
        for (String name : residents) {
            List<DirectoryEntry> homes = homesOf(name);
            if (shared == null && homes.size() == 1) {
                shared = homes.get(0);
            }
            if (shared == null || !shared.residents().contains(name)) {
                return null;
            }
        }
        return shared;
    }

    private String withHomes(String name) {
        List<String> numbers = homesOf(name).stream().map(DirectoryEntry::apartment).toList();
        return numbers.isEmpty() ? name : name + " in apartment " + String.join(" " + prompts.conjunction() + " ", numbers);
    }

    // How well a reading fits the building: an apartment that exists, a name that is a resident's
    // (full, first or last), and both together.
    private int directorySupport(IntentResult r) {
        String apt = r.entities().get(IntentResult.APARTMENT);
        String name = r.entities().get(IntentResult.RESIDENT_NAME);
        DirectoryEntry entry = apt == null ? null : directory.apartment(apt).orElse(null);
        List<String> residents = name == null ? List.of() : residentsCalled(name);
        int score = (entry != null ? 2 : 0) + (residents.isEmpty() ? 0 : 2);
        if (entry != null && residents.stream().anyMatch(entry.residents()::contains)) {
            score++;
        }
        return score;
    }

    private List<String> residentsCalled(String heard) {
        String h = NameSimilarity.normalize(heard);
        List<String> found = new ArrayList<>();
        for (String resident : directory.residentNames()) {
            String full = NameSimilarity.normalize(resident);
            if (full.equals(h) || List.of(full.split(" ")).contains(h)) {
                found.add(resident);
            }
        }
        return found;
    }

    // The free reading names the same apartment or a resident the grammar reading's name matches.
    private boolean agree(IntentResult free, IntentResult chosen) {
        if (free == null) {
            return false;
        }
        String apt = chosen.entities().get(IntentResult.APARTMENT);
        String freeApt = free.entities().get(IntentResult.APARTMENT);
        if (apt != null && freeApt != null && directory.apartment(apt).isPresent()
                && directory.apartment(apt).equals(directory.apartment(freeApt))) {
            return true;
        }
        String name = chosen.entities().get(IntentResult.RESIDENT_NAME);
        String freeName = free.entities().get(IntentResult.RESIDENT_NAME);
        return name != null && freeName != null && !residentsCalled(name).isEmpty()
                && residentsCalled(name).equals(residentsCalled(freeName));
    }

    private boolean residentWithTheirApartment(IntentResult r) {
        String apt = r.entities().get(IntentResult.APARTMENT);
        String name = r.entities().get(IntentResult.RESIDENT_NAME);
        DirectoryEntry entry = apt == null ? null : directory.apartment(apt).orElse(null);
        return entry != null && name != null && residentsCalled(name).stream().anyMatch(entry.residents()::contains);
    }

    private static IntentResult withDirectoryEntities(IntentResult main, IntentResult directoryReading) {
        Map<String, String> entities = new LinkedHashMap<>(main.entities());
        entities.remove(IntentResult.APARTMENT);
        entities.remove(IntentResult.RESIDENT_NAME);
        directoryReading.entities().forEach((key, value) -> {
            if (!key.equals(IntentResult.VISITOR_NAME) || !entities.containsKey(key)) {
                entities.put(key, value);
            }
        });
        String intent = IntentResult.UNKNOWN.equals(main.intent()) ? directoryReading.intent() : main.intent();
        return new IntentResult(intent, entities);
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
