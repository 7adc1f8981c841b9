package dev.doorman.server.pipeline.intent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rule engine's vocabulary (config {@code intent.rules}): keyword phrases per intent, the phrases
 * that introduce the visitor's name ("my name is") and the resident's ("to visit"), the words that
 * introduce an apartment number, and the stop words that end a name.
 *
 * @param intents             intent name to its keyword phrases; on a tie the intent listed first wins
 * @param visitorNamePhrases  phrases followed by the visitor's own name
 * @param residentNamePhrases phrases followed by the resident's name
 * @param apartmentWords      words followed by the apartment number
 * @param stopWords           words that cannot be part of a name (they end it)
 * @param numberHomophones    extra words a recognizer writes for a digit, read as that digit right
 *                            after an apartment word or another number (a stop word only right after
 *                            an apartment word). English needs none by default: misheard digits are
 *                            found by sound ({@link SoundAlikeNumbers}); Portuguese keeps a short list
 */
public record IntentRules(Map<String, List<String>> intents, List<String> visitorNamePhrases,
                          List<String> residentNamePhrases, List<String> apartmentWords, List<String> stopWords,
                          Map<String, String> numberHomophones) {
    public IntentRules {
        intents = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(intents));
        visitorNamePhrases = List.copyOf(visitorNamePhrases);
        residentNamePhrases = List.copyOf(residentNamePhrases);
        apartmentWords = List.copyOf(apartmentWords);
        stopWords = List.copyOf(stopWords);
        numberHomophones = Map.copyOf(numberHomophones);
    }

    /**
     * Every phrase these rules understand, for a recognition grammar: what a visitor says around a
     * resident's name and apartment number (add the language's number words).
     */
    public java.util.List<String> grammarPhrases() {
        java.util.LinkedHashSet<String> phrases = new java.util.LinkedHashSet<>();
        intents.values().forEach(phrases::addAll);
        phrases.addAll(visitorNamePhrases);
        phrases.addAll(residentNamePhrases);
        phrases.addAll(apartmentWords);
        phrases.addAll(stopWords);
        phrases.addAll(numberHomophones.keySet());
        return List.copyOf(phrases);
    }

    /** The defaults for a language tag ("en", "pt-BR"). */
    public static IntentRules defaults(String language) {
        return language != null && language.toLowerCase(java.util.Locale.ROOT).startsWith("pt")
                ? portuguese() : english();
    }

    public static IntentRules english() {
        Map<String, List<String>> intents = new LinkedHashMap<>();
        intents.put("delivery", List.of("delivery", "deliver", "delivering", "package", "parcel", "food", "order",
                "courier", "mail", "amazon", "pizza"));
        intents.put("service", List.of("service", "repair", "plumber", "electrician", "maintenance", "technician",
                "cleaning", "fix", "install", "internet", "gas"));
        intents.put("visit", List.of("visit", "visiting", "see", "here for", "meet", "meeting", "friend",
                "looking for"));
        intents.put("authorize", List.of("yes", "yeah", "yep", "sure", "correct", "right", "that's right",
                "let them in", "let him in", "let her in", "open", "okay", "ok"));
        intents.put("deny", List.of("no", "nope", "wrong", "not", "don't", "deny", "incorrect"));
        intents.put("ask_who", List.of("who is it", "who's there", "who is there", "who is that", "who"));
        return new IntentRules(intents,
                List.of("my name is", "my name's", "name is", "this is", "i'm", "i am", "it's", "it is", "call me"),
                List.of("here to visit", "here to see", "to visit", "to see", "visiting", "visit", "see", "meet",
                        "looking for", "for", "deliver to", "delivery to"),
                List.of("apartment", "apartments", "apt", "unit", "flat", "number", "suite", "room"),
                List.of("i", "i'm", "im", "am", "and", "here", "to", "for", "from", "in", "at", "the", "a", "an",
                        "apartment", "apt", "unit", "flat", "number", "suite", "room", "please", "visit",
                        "visiting", "see", "with", "delivery", "package", "parcel", "is", "are", "was", "my",
                        "name", "this", "it's", "it", "of", "on", "hi", "hello", "hey", "yes", "no", "thanks",
                        "thank", "you", "who", "lives", "live", "want", "would", "like", "came", "come",
                        "deliver", "delivering", "have", "got", "okay", "ok", "um", "uh", "there", "that",
                        "mister", "missus", "miss", "mr", "mrs", "ms", "doctor", "good", "morning", "afternoon",
                        "evening", "just", "so", "but", "or", "be", "meet", "looking", "let", "me", "we", "our",
                        "your", "his", "her", "their", "friend", "food", "order", "service", "sorry", "again",
                        "right", "sure", "yeah", "not", "don't", "do", "can", "could", "said", "say", "apartments"),
                Map.of());
    }

    public static IntentRules portuguese() {
        Map<String, List<String>> intents = new LinkedHashMap<>();
        intents.put("delivery", List.of("entrega", "entregar", "encomenda", "pacote", "comida", "pedido",
                "ifood", "correio", "correios", "rappi", "pizza"));
        intents.put("service", List.of("servico", "conserto", "reparo", "encanador", "eletricista", "manutencao",
                "tecnico", "limpeza", "instalacao", "internet", "gas"));
        intents.put("visit", List.of("visitar", "visita", "ver", "falar com", "encontrar", "amigo", "amiga"));
        intents.put("authorize", List.of("sim", "isso", "correto", "certo", "pode", "pode entrar", "pode subir",
                "libera", "autorizo", "ok"));
        intents.put("deny", List.of("nao", "errado", "nega", "nao pode", "incorreto"));
        intents.put("ask_who", List.of("quem e", "quem esta ai", "quem", "quem fala"));
        return new IntentRules(intents,
                List.of("meu nome e", "me chamo", "aqui e", "aqui e o", "aqui e a", "sou o", "sou a", "sou", "eu sou"),
                List.of("visitar o", "visitar a", "visitar", "falar com o", "falar com a", "falar com", "ver o",
                        "ver a", "para o", "para a", "pro", "pra", "para"),
                List.of("apartamento", "apto", "ap", "unidade", "numero", "sala"),
                List.of("eu", "sou", "e", "o", "a", "os", "as", "de", "do", "da", "no", "na", "em", "para", "pra",
                        "pro", "com", "apartamento", "apto", "ap", "unidade", "numero", "sala", "por", "favor",
                        "visitar", "visita", "ver", "falar", "entrega", "encomenda", "pacote", "meu", "minha",
                        "nome", "aqui", "oi", "ola", "bom", "boa", "dia", "tarde", "noite", "sim", "nao",
                        "obrigado", "obrigada", "quem", "mora", "moram", "quero", "queria", "vim", "venho",
                        "tenho", "um", "uma", "senhor", "senhora", "seu", "dona", "doutor", "doutora", "amigo",
                        "amiga", "que", "ta", "esta", "estou", "ai", "isso", "certo", "pode", "desculpa"),
                Map.of("dos", "dois", "treis", "tres"));
    }
}
