package dev.doorman.server.call;

/**
 * How a prompt's playback ended.
 *
 * @param prompt      the prompt that was playing
 * @param durationMs  time from its first frame to its end (wall clock as paced)
 * @param interrupted true when it was stopped (barge-in, {@link CallControl#stopPlayback()}, hang-up)
 *                    before its last frame went out
 */
public record PlaybackResult(Prompt prompt, double durationMs, boolean interrupted) {
}
