package dev.doorman.server.pipeline.vad.bench;

/**
 * One utterance a detector reported, in samples of the padded signal.
 *
 * @param start    first speech sample
 * @param end      just after the last speech sample (hangover excluded)
 * @param pcmStart first sample of the audio handed on (pre-roll included)
 * @param pcmEnd   just after the last sample handed on (tail included)
 * @param cut      ended by the maxUtteranceMs limit, not by silence
 */
record DetectedSpan(long start, long end, long pcmStart, long pcmEnd, boolean cut) {
}
