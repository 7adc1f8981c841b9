package dev.doorman.server.dialog;

/**
 * The doorman's words (config {@code dialog.prompts}), templates with the placeholders {@code {name}}
 * (the visitor), {@code {resident}}, {@code {apartment}}, {@code {alternatives}} and {@code {heard}}. While
 * the resident is called, {@code {resident}} is their name or {@code apartmentResidents} when the
 * visitor named only the apartment.
 * A key left out of the config keeps its English default.
 */
public record DialogPrompts(String greeting, String askName, String askApartment, String askResident,
                            String confirm, String confirmResident, String confirmRetry, String ambiguous,
                            String apartmentNotFound, String residentNotFound, String notUnderstood,
                            String callingResident, String callingApartment, String goodbye, String giveUp,
                            String fallback, String conjunction, String confirmApartment,
                            String ambiguousApartments, String stillCalling, String residentAnswered,
                            String authorized, String denied, String noAnswer, String residentUnavailable,
                            String apartmentResidents) {

    public static final DialogPrompts ENGLISH = new DialogPrompts(
            "Hello, this is the virtual doorman. Please tell me your name and who you are visiting.",
            "Thank you. What is your name, please?",
            "Which apartment are you visiting? You can also key in the number followed by the hash key.",
            "Who are you visiting, please?",
            "Did you say {resident} in apartment {apartment}? Please say yes or no.",
            "Did you say {resident}? Please say yes or no.",
            "Sorry, please say yes or no, or press 1 for yes and 2 for no.",
            "There are {alternatives} in apartment {apartment}. Which of them are you visiting?",
            "Sorry, I could not find apartment {heard}. Which apartment are you visiting?",
            "Sorry, I could not find {heard}. Who are you visiting, or which apartment?",
            "Sorry, I did not understand. Please tell me your name and who you are visiting.",
            "Thank you, {name}. I am calling {resident} in apartment {apartment}. Please wait.",
            "Thank you, {name}. I am calling apartment {apartment}. Please wait.",
            "Goodbye.",
            "Sorry, I could not help you. Please try again or use the keypad. Goodbye.",
            "Sorry, could you say that again?",
            "and",
            "Did you say apartment {apartment}? Please say yes or no.",
            "There are {alternatives}. Which apartment are you visiting?",
            "Still calling {resident}. Please wait.",
            "{resident} has answered. One moment, please.",
            "{resident} has authorized your visit. Please come in.",
            "Sorry, {resident} did not authorize your visit.",
            "Sorry, {resident} did not answer.",
            "Sorry, I cannot call {resident} right now. Please try again later.",
            "the residents of apartment {apartment}");

    public DialogPrompts {
        greeting = or(greeting, ENGLISH == null ? null : ENGLISH.greeting);
        askName = or(askName, ENGLISH == null ? null : ENGLISH.askName);
        askApartment = or(askApartment, ENGLISH == null ? null : ENGLISH.askApartment);
        askResident = or(askResident, ENGLISH == null ? null : ENGLISH.askResident);
        confirm = or(confirm, ENGLISH == null ? null : ENGLISH.confirm);
        confirmResident = or(confirmResident, ENGLISH == null ? null : ENGLISH.confirmResident);
        confirmRetry = or(confirmRetry, ENGLISH == null ? null : ENGLISH.confirmRetry);
        ambiguous = or(ambiguous, ENGLISH == null ? null : ENGLISH.ambiguous);
        apartmentNotFound = or(apartmentNotFound, ENGLISH == null ? null : ENGLISH.apartmentNotFound);
        residentNotFound = or(residentNotFound, ENGLISH == null ? null : ENGLISH.residentNotFound);
        notUnderstood = or(notUnderstood, ENGLISH == null ? null : ENGLISH.notUnderstood);
        callingResident = or(callingResident, ENGLISH == null ? null : ENGLISH.callingResident);
        callingApartment = or(callingApartment, ENGLISH == null ? null : ENGLISH.callingApartment);
        goodbye = or(goodbye, ENGLISH == null ? null : ENGLISH.goodbye);
        giveUp = or(giveUp, ENGLISH == null ? null : ENGLISH.giveUp);
        fallback = or(fallback, ENGLISH == null ? null : ENGLISH.fallback);
        conjunction = or(conjunction, ENGLISH == null ? null : ENGLISH.conjunction);
        confirmApartment = or(confirmApartment, ENGLISH == null ? null : ENGLISH.confirmApartment);
        ambiguousApartments = or(ambiguousApartments, ENGLISH == null ? null : ENGLISH.ambiguousApartments);
        stillCalling = or(stillCalling, ENGLISH == null ? null : ENGLISH.stillCalling);
        residentAnswered = or(residentAnswered, ENGLISH == null ? null : ENGLISH.residentAnswered);
        authorized = or(authorized, ENGLISH == null ? null : ENGLISH.authorized);
        denied = or(denied, ENGLISH == null ? null : ENGLISH.denied);
        noAnswer = or(noAnswer, ENGLISH == null ? null : ENGLISH.noAnswer);
        residentUnavailable = or(residentUnavailable, ENGLISH == null ? null : ENGLISH.residentUnavailable);
        apartmentResidents = or(apartmentResidents, ENGLISH == null ? null : ENGLISH.apartmentResidents);
    }

    private static String or(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
