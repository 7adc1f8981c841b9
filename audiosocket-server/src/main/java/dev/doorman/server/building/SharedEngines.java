package dev.doorman.server.building;

import dev.doorman.server.ami.AmiClient;
import dev.doorman.server.conversation.ConversationConfig;
import dev.doorman.server.dialog.Conversations;
import dev.doorman.server.dialog.DialogEngines;
import dev.doorman.server.pipeline.SpeechRecognizer;
import dev.doorman.server.pipeline.SpeechSynthesizer;
import dev.doorman.server.pipeline.stt.SpeechRecognizerFactory;
import dev.doorman.server.pipeline.stt.SttConfig;
import dev.doorman.server.pipeline.tts.CachingSynthesizer;
import dev.doorman.server.pipeline.tts.SpeechSynthesizerFactory;
import dev.doorman.server.pipeline.tts.TtsConfig;
import dev.doorman.server.resident.ResidentConfig;
import dev.doorman.server.resident.ResidentService;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engines the buildings of one server share: one speech recognizer (one Vosk model in memory)
 * per distinct recognizer setting, so buildings of one language share a model; one synthesizer
 * (and phrase cache) per voice; one manager connection per distinct {@code resident.ami}. Closed
 * once, after every building.
 */
final class SharedEngines implements DialogEngines, AutoCloseable {
    private final Map<Object, SpeechRecognizer> recognizers = new LinkedHashMap<>();
    private final Map<TtsConfig, CachingSynthesizer> synthesizers = new LinkedHashMap<>();
    private final Map<ResidentConfig.Ami, AmiClient> managers = new LinkedHashMap<>();
    private final Map<List<Object>, Conversations> pipelines = new LinkedHashMap<>();

    @Override
    public synchronized SpeechRecognizer recognizer(SttConfig config) {
        // Vosk's language is its model's: stt.language (a hint for HTTP servers) does not make another one.
        Object key = config.engine().equals(SttConfig.VOSK) ? config.vosk() : config;
        SpeechRecognizer recognizer = recognizers.get(key);
        if (recognizer == null) {
            recognizer = new SpeechRecognizerFactory().create(config);
            recognizers.put(key, recognizer);
        }
        return recognizer;
    }

    @Override
    public synchronized CachingSynthesizer synthesizer(TtsConfig config) {
        CachingSynthesizer synthesizer = synthesizers.get(config);
        if (synthesizer == null) {
            synthesizer = new SpeechSynthesizerFactory().create(config);
            synthesizers.put(config, synthesizer);
        }
        return synthesizer;
    }

    @Override
    public synchronized AmiClient ami(ResidentConfig.Ami config) {
        AmiClient client = managers.get(config);
        if (client == null) {
            client = ResidentService.amiClient(config).start();
            managers.put(config, client);
        }
        return client;
    }

    /**
     * One pipeline (stage threads, load, admission) per recognizer and synthesizer pair: the calls of
     * buildings sharing engines share the CPU, so one admission control counts them all. The first
     * building's {@code conversation} settings make it.
     */
    @Override
    public synchronized Conversations conversations(SpeechRecognizer recognizer,
            SpeechSynthesizer synthesizer, ConversationConfig config, int threads) {
        List<Object> key = List.of(recognizer, synthesizer);
        Conversations shared = pipelines.get(key);
        if (shared != null) {
            return shared.shared();
        }
        Conversations created =
                Conversations.create(recognizer, synthesizer, config, threads);
        pipelines.put(key, created);
        return created;
    }

    @Override
    public boolean owned() {
        return false;
    }

    /** How many of each are loaded, for the startup summary. */
    synchronized String describe() {
        return recognizers.size() + " speech recognizer(s), " + synthesizers.size() + " synthesizer(s), "
                + managers.size() + " AMI connection(s)";
    }

    synchronized int recognizers() {
        return recognizers.size();
    }

    synchronized int managers() {
        return managers.size();
    }

    @Override
    public synchronized void close() {
        List<AutoCloseable> all = new ArrayList<>();
        pipelines.values().forEach(p -> all.add(p.speech()));
        all.addAll(managers.values());
        all.addAll(synthesizers.values());
        all.addAll(recognizers.values());
        RuntimeException first = null;
        for (AutoCloseable c : all) {
            try {
                c.close();
            } catch (Exception e) {
                if (first == null) {
                    first = new IllegalStateException("closing the shared engines", e);
                }
            }
        }
        pipelines.clear();
        managers.clear();
        synthesizers.clear();
        recognizers.clear();
        if (first != null) {
            throw first;
        }
    }
}
