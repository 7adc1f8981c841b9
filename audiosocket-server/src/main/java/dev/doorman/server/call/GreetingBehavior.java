package dev.doorman.server.call;

import dev.doorman.events.Party;

/**
 * The behavior used until a dialog is configured: plays the greeting prompt when the call starts,
 * then listens (the session logs the caller's speech). Optionally hangs up after the greeting.
 */
public final class GreetingBehavior implements CallBehavior {
    private final PromptFile greeting;
    private final String greetingText;
    private final boolean hangupAfterGreeting;

    public GreetingBehavior(PromptFile greeting, String greetingText, boolean hangupAfterGreeting) {
        this.greeting = greeting;
        this.greetingText = greetingText;
        this.hangupAfterGreeting = hangupAfterGreeting;
    }

    /** A factory sharing one loaded prompt between calls. */
    public static CallBehaviorFactory factory(PromptFile greeting, String greetingText, boolean hangupAfterGreeting) {
        return info -> new GreetingBehavior(greeting, greetingText, hangupAfterGreeting);
    }

    @Override
    public void onCallStarted(CallControl call) {
        call.logger().logGreeting(greetingText);
        call.play(new Prompt(greeting.pcm(call.sampleRate()), Party.VISITOR, 0, "greeting"));
        if (hangupAfterGreeting) {
            call.hangupAfterPlayback();
        }
    }
}
