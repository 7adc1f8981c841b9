package dev.doorman.server.pipeline.intent;

import dev.doorman.server.pipeline.DialogTurnContext;
import dev.doorman.server.pipeline.IntentExtractor;
import dev.doorman.server.pipeline.IntentResult;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The default intent engine: keyword phrases from config pick the intent; phrase patterns ("my name
 * is X", "to visit X", "apartment N") pick the entities; spoken numbers become digits first.
 *
 * <p>The dialog's state steers bare answers: after "What is your name?" a short reply is the visitor's
 * name ({@link #ASK_NAME}); after "Which apartment?" a number is the apartment anyway, and a known
 * resident name is found by the {@link NameSpotter}. Pure and thread-safe.
 */
public final class RuleIntentExtractor implements IntentExtractor {
    /** Dialog states ({@link DialogTurnContext#dialogState()}) this extractor reads. */
    public static final String ASK_NAME = "ASK_NAME";
    public static final String ASK_APARTMENT = "ASK_APARTMENT";
    /** The doorman asked a yes/no question (a confirmation, the resident's authorization). */
    public static final String YES_NO_QUESTION = "YES_NO_QUESTION";
    /** Intents that answer a yes/no question: after one, only these compete (an "order" in a reply is not a delivery). */
    private static final Set<String> ANSWERS = Set.of(IntentResult.AUTHORIZE, IntentResult.DENY, IntentResult.ASK_WHO);

    private static final int MAX_NAME_WORDS = 3;

    private final List<Map.Entry<String, List<List<String>>>> intents;
    private final List<List<String>> visitorNamePhrases;
    private final List<List<String>> residentNamePhrases;
    private final Set<String> apartmentWords;
    private final Set<String> stopWords;
    private final Map<String, String> homophones;
    private final SpokenNumberParser numbers;
    private final NameSpotter spotter;

    private final MisheardNumberReader misheardNumbers;

    public RuleIntentExtractor(IntentRules rules, SpokenNumberParser numbers, NameSpotter spotter) {
        this(rules, numbers, spotter, apartment -> false);
    }

    /**
     * @param knownApartment whether digits name an apartment of the building: decides between
     *                       readings of a misheard number that sound alike ("free" = three or four)
     */
    public RuleIntentExtractor(IntentRules rules, SpokenNumberParser numbers, NameSpotter spotter,
                               java.util.function.Predicate<String> knownApartment) {
        this.numbers = numbers;
        this.spotter = spotter;
        List<Map.Entry<String, List<List<String>>>> list = new ArrayList<>();
        rules.intents().forEach((intent, phrases) -> list.add(Map.entry(intent, tokenized(phrases))));
        this.intents = List.copyOf(list);
        this.visitorNamePhrases = longestFirst(tokenized(rules.visitorNamePhrases()));
        this.residentNamePhrases = longestFirst(tokenized(rules.residentNamePhrases()));
        this.apartmentWords = new HashSet<>(flatten(tokenized(rules.apartmentWords())));
        this.stopWords = new HashSet<>(flatten(tokenized(rules.stopWords())));
        this.homophones = rules.numberHomophones();
        this.misheardNumbers = numbers.vocabulary().contains("three")
                ? new MisheardNumberReader(numbers, new SoundAlikeNumbers(), apartmentWords, stopWords, knownApartment)
                : null;
    }

    @Override
    public String provider() {
        return "rules";
    }

    @Override
    public IntentResult extract(String text, DialogTurnContext ctx) {
        List<String> tokens = List.of(numbers.normalize(numberHomophonesToDigits(text)).split(" "));
        if (tokens.size() == 1 && tokens.get(0).isEmpty()) {
            return IntentResult.unknown();
        }
        String state = ctx == null ? "" : ctx.dialogState();
        boolean[] used = new boolean[tokens.size()];
        Map<String, String> entities = new LinkedHashMap<>();

        findApartment(tokens, used).ifPresent(apt -> entities.put(IntentResult.APARTMENT, apt));
        findNameAfter(tokens, used, visitorNamePhrases)
                .ifPresent(name -> entities.put(IntentResult.VISITOR_NAME, name));
        Optional<String> resident = findNameAfter(tokens, used, residentNamePhrases);
        boolean askedForName = ASK_NAME.equals(state) && !entities.containsKey(IntentResult.VISITOR_NAME);
        if (askedForName && resident.isEmpty()) {
            // A bare reply to "What is your name?" is the visitor's name, even if a resident has it too.
            bareName(tokens, used).ifPresent(name -> entities.put(IntentResult.VISITOR_NAME, name));
        } else if (resident.isEmpty()) {
            resident = spotter.spot(unusedWords(tokens, used));
            resident.ifPresent(r -> markUsed(tokens, used, r));
        }
        resident.ifPresent(name -> entities.put(IntentResult.RESIDENT_NAME, titleCase(name)));
        return new IntentResult(intent(tokens, YES_NO_QUESTION.equals(state)), entities);
    }

    // "apartment free all two" -> "apartment three oh two": misheard digits, only where a number is
    // expected, by sound (English) and by the configured homophones (any language).
    private String numberHomophonesToDigits(String text) {
        List<String> tokens = SpokenNumberParser.tokenize(text);
        if (misheardNumbers != null) {
            tokens = misheardNumbers.read(tokens);
        }
        List<String> out = new ArrayList<>(tokens.size());
        boolean afterApartmentWord = false;
        boolean afterNumber = false;
        for (String token : tokens) {
            boolean allowed = afterApartmentWord || (afterNumber && !stopWords.contains(token));
            String replaced = allowed ? homophones.getOrDefault(token, token) : token;
            out.add(replaced);
            afterApartmentWord = apartmentWords.contains(replaced);
            afterNumber = numbers.parseNumber(replaced) != null;
        }
        return String.join(" ", out);
    }

    private String intent(List<String> tokens, boolean answeringYesNo) {
        String best = IntentResult.UNKNOWN;
        int bestCount = 0;
        for (Map.Entry<String, List<List<String>>> entry : intents) {
            if (answeringYesNo && !ANSWERS.contains(entry.getKey())) {
                continue;
            }
            int count = 0;
            for (List<String> phrase : entry.getValue()) {
                count += occurrences(tokens, phrase);
            }
            if (count > bestCount) {
                best = entry.getKey();
                bestCount = count;
            }
        }
        return best;
    }

    // "apartment 302" first; otherwise the longest number said anywhere.
    private Optional<String> findApartment(List<String> tokens, boolean[] used) {
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (apartmentWords.contains(tokens.get(i)) && isDigits(tokens.get(i + 1))) {
                used[i] = true;
                used[i + 1] = true;
                return Optional.of(tokens.get(i + 1));
            }
        }
        int best = -1;
        for (int i = 0; i < tokens.size(); i++) {
            if (isDigits(tokens.get(i)) && (best < 0 || tokens.get(i).length() > tokens.get(best).length())) {
                best = i;
            }
        }
        if (best < 0) {
            return Optional.empty();
        }
        used[best] = true;
        return Optional.of(tokens.get(best));
    }

    private Optional<String> findNameAfter(List<String> tokens, boolean[] used, List<List<String>> phrases) {
        for (List<String> phrase : phrases) {
            for (int start = indexOf(tokens, phrase, 0); start >= 0; start = indexOf(tokens, phrase, start + 1)) {
                int from = start + phrase.size();
                int to = from;
                while (to < tokens.size() && to - from < MAX_NAME_WORDS && isNameWord(tokens.get(to)) && !used[to]) {
                    to++;
                }
                if (to > from) {
                    for (int i = start; i < to; i++) {
                        used[i] = true;
                    }
                    return Optional.of(titleCase(String.join(" ", tokens.subList(from, to))));
                }
            }
        }
        return Optional.empty();
    }

    // A short answer to "What is your name?": its name-like words.
    private Optional<String> bareName(List<String> tokens, boolean[] used) {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (!used[i] && isNameWord(tokens.get(i))) {
                words.add(tokens.get(i));
            }
        }
        if (words.isEmpty() || words.size() > MAX_NAME_WORDS) {
            return Optional.empty();
        }
        return Optional.of(titleCase(String.join(" ", words)));
    }

    private List<String> unusedWords(List<String> tokens, boolean[] used) {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            // Stop words become gaps so that a spotted name never spans them.
            words.add(!used[i] && isNameWord(tokens.get(i)) ? tokens.get(i) : "");
        }
        return words;
    }

    private static void markUsed(List<String> tokens, boolean[] used, String spotted) {
        List<String> words = List.of(spotted.split(" "));
        int at = indexOf(tokens, words, 0);
        for (int i = Math.max(at, 0); at >= 0 && i < at + words.size(); i++) {
            used[i] = true;
        }
    }

    private boolean isNameWord(String token) {
        return !token.isEmpty() && !stopWords.contains(token) && !isDigits(token) && !apartmentWords.contains(token);
    }

    private static boolean isDigits(String token) {
        return !token.isEmpty() && token.chars().allMatch(Character::isDigit);
    }

    private static int occurrences(List<String> tokens, List<String> phrase) {
        int count = 0;
        for (int at = indexOf(tokens, phrase, 0); at >= 0; at = indexOf(tokens, phrase, at + 1)) {
            count++;
        }
        return count;
    }

    private static int indexOf(List<String> tokens, List<String> phrase, int from) {
        if (phrase.isEmpty()) {
            return -1;
        }
        outer:
        for (int i = from; i + phrase.size() <= tokens.size(); i++) {
            for (int j = 0; j < phrase.size(); j++) {
                if (!tokens.get(i + j).equals(phrase.get(j))) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static List<List<String>> tokenized(List<String> phrases) {
        List<List<String>> out = new ArrayList<>(phrases.size());
        for (String phrase : phrases) {
            List<String> tokens = SpokenNumberParser.tokenize(phrase);
            if (!tokens.isEmpty()) {
                out.add(tokens);
            }
        }
        return out;
    }

    private static List<List<String>> longestFirst(List<List<String>> phrases) {
        List<List<String>> sorted = new ArrayList<>(phrases);
        sorted.sort((a, b) -> Integer.compare(b.size(), a.size()));
        return List.copyOf(sorted);
    }

    private static List<String> flatten(List<List<String>> phrases) {
        return phrases.stream().flatMap(List::stream).toList();
    }

    static String titleCase(String words) {
        StringBuilder sb = new StringBuilder(words.length());
        for (String word : words.trim().split(" +")) {
            if (word.isEmpty()) {
                continue;
            }
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(word.substring(0, 1).toUpperCase(Locale.ROOT)).append(word.substring(1));
        }
        return sb.toString();
    }
}
