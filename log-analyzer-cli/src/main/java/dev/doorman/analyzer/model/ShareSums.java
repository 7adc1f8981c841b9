package dev.doorman.analyzer.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bottleneck attribution over answered turns: each stage's summed time divided by the summed turn
 * latency, i.e. which share of the waiting callers did was spent where. Intent extraction and
 * fuzzy validation run inside AI processing, so they are parts of its share, not additions.
 */
public final class ShareSums {
    private double latency;
    private double transcription;
    private double intent;
    private double fuzzy;
    private double ai;
    private double synthesis;
    private double other;

    public void add(TurnFigures turn) {
        latency += turn.latencyMs();
        transcription += turn.transcriptionMs();
        intent += turn.intentMs();
        fuzzy += turn.fuzzyMs();
        ai += turn.aiMs();
        synthesis += turn.synthesisMs();
        other += turn.otherMs();
    }

    public void merge(ShareSums o) {
        latency += o.latency;
        transcription += o.transcription;
        intent += o.intent;
        fuzzy += o.fuzzy;
        ai += o.ai;
        synthesis += o.synthesis;
        other += o.other;
    }

    /** Stage -> fraction (0..1) of the summed turn latency; empty when no turn was answered. */
    public Map<String, Double> fractions() {
        Map<String, Double> map = new LinkedHashMap<>();
        if (latency <= 0) {
            return map;
        }
        map.put("transcription", transcription / latency);
        map.put("ai_processing", ai / latency);
        map.put("intent_extraction", intent / latency);
        map.put("fuzzy_validation", fuzzy / latency);
        map.put("synthesis", synthesis / latency);
        map.put("other", other / latency);
        return map;
    }

    /** The stage with the largest share (among transcription, AI, synthesis, other), or null. */
    public String bottleneck() {
        Map<String, Double> f = fractions();
        String best = null;
        double max = -1;
        for (String stage : new String[] {"transcription", "ai_processing", "synthesis", "other"}) {
            Double v = f.get(stage);
            if (v != null && v > max) {
                max = v;
                best = stage;
            }
        }
        return best;
    }
}
