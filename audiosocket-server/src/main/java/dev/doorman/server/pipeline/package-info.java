/**
 * Speech pipeline stage interfaces (one interface per stage, one class per engine): speech to text
 * ({@link dev.doorman.server.pipeline.SpeechRecognizer}), text to speech
 * ({@link dev.doorman.server.pipeline.SpeechSynthesizer}), intent extraction and directory
 * validation. Engines live in sub-packages ({@code stt}, {@code tts}, {@code intent}, ...).
 */
package dev.doorman.server.pipeline;
