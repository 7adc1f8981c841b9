package dev.doorman.server.call;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class VisitorTurnsTest {
    @Test
    void speechAndKeypadShareOneSequenceAndAnEntryIsOneTurn() {
        VisitorTurns turns = new VisitorTurns();
        assertEquals(0, turns.latest(), "the greeting is turn 0");
        turns.promptStarted(); // the greeting
        assertEquals(1, turns.speechStarted());
        assertEquals(2, turns.digit(), "the first digit after speech opens a keypad turn");
        assertEquals(2, turns.digit());
        assertEquals(2, turns.digit(), "digits of one entry share it");
        turns.promptStarted(); // the answer to the entry
        assertEquals(3, turns.digit(), "a digit after the answer is a new entry");
        assertEquals(4, turns.speechStarted(), "speech always opens a turn");
        assertEquals(5, turns.digit(), "and digits after speech are a new entry");
        assertEquals(5, turns.latest());
    }
}
