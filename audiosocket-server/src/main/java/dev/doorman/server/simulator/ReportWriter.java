package dev.doorman.server.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;
import java.util.Map;

/** Renders a {@link SimulationReport} as a human-readable summary or as JSON. */
public final class ReportWriter {
    /** Per-call lines listed in the text summary of a load run (all of them are in the JSON). */
    private static final int MAX_LISTED_PROBLEMS = 10;

    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public String text(SimulationReport report) {
        StringBuilder out = new StringBuilder();
        if (report.calls().size() == 1) {
            CallResult call = report.calls().get(0);
            line(out, "call %s: %s%s", call.callId(), describe(call.outcome()),
                    call.detail() == null ? "" : " (" + call.detail() + ")");
            line(out, "  duration %.0f ms, sent %d audio frames%s", call.durationMs(), call.framesSent(),
                    call.dtmfSent().isEmpty() ? "" : " and DTMF " + call.dtmfSent());
            line(out, "  received %d audio frames (%.0f ms of audio), first after %s", call.framesReceived(),
                    call.receivedAudioMs(), call.firstAudioMs() < 0 ? "-" : String.format(Locale.ROOT, "%.0f ms", call.firstAudioMs()));
        } else {
            line(out, "%d calls in %.1f s: %d completed, %d refused, %d failed", report.calls().size(),
                    report.wallMs() / 1000, report.completed(), report.refused(), report.failed());
            for (Map.Entry<CallOutcome, Integer> e : report.outcomes().entrySet()) {
                line(out, "  %-15s %d", e.getKey(), e.getValue());
            }
            line(out, "frames: %d sent, %d received", report.framesSent(), report.framesReceived());
            int listed = 0;
            for (CallResult call : report.calls()) {
                if ((call.refused() || call.outcome().isFailure()) && listed++ < MAX_LISTED_PROBLEMS) {
                    line(out, "  %s %s%s", call.callId(), call.outcome(),
                            call.detail() == null ? "" : ": " + call.detail());
                }
            }
        }
        gaps(out, "received audio gaps", report.receivedGaps());
        gaps(out, "sent audio gaps    ", report.sentGaps());
        return out.toString();
    }

    public String json(SimulationReport report) {
        ObjectNode root = json.createObjectNode();
        root.put("calls", report.calls().size());
        root.put("completed", report.completed());
        root.put("refused", report.refused());
        root.put("failed", report.failed());
        root.put("wall_ms", round(report.wallMs()));
        ObjectNode outcomes = root.putObject("outcomes");
        report.outcomes().forEach((k, v) -> outcomes.put(k.name().toLowerCase(Locale.ROOT), v));
        root.put("frames_sent", report.framesSent());
        root.put("frames_received", report.framesReceived());
        root.set("received_gaps", gaps(report.receivedGaps()));
        root.set("sent_gaps", gaps(report.sentGaps()));
        var list = root.putArray("results");
        for (CallResult call : report.calls()) {
            ObjectNode c = list.addObject();
            c.put("call_id", call.callId());
            c.put("outcome", call.outcome().name().toLowerCase(Locale.ROOT));
            c.put("refused", call.refused());
            if (call.detail() != null) {
                c.put("detail", call.detail());
            }
            c.put("sample_rate", call.sampleRate());
            c.put("duration_ms", round(call.durationMs()));
            c.put("frames_sent", call.framesSent());
            c.put("dtmf_sent", call.dtmfSent());
            c.put("frames_received", call.framesReceived());
            c.put("received_audio_ms", round(call.receivedAudioMs()));
            c.put("first_audio_ms", round(call.firstAudioMs()));
            c.set("received_gaps", gaps(call.receivedGaps()));
            c.set("sent_gaps", gaps(call.sentGaps()));
        }
        try {
            return json.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the report as JSON", e);
        }
    }

    private ObjectNode gaps(GapStats g) {
        ObjectNode n = json.createObjectNode();
        n.put("count", g.gaps());
        n.put("gap_p50_ms", g.gapP50Ms());
        n.put("gap_p99_ms", g.gapP99Ms());
        n.put("gap_max_ms", g.gapMaxMs());
        n.put("error_p50_ms", g.errorP50Ms());
        n.put("error_p99_ms", g.errorP99Ms());
        n.put("error_max_ms", g.errorMaxMs());
        return n;
    }

    private static void gaps(StringBuilder out, String label, GapStats g) {
        if (g.gaps() == 0) {
            line(out, "%s: none (fewer than two frames)", label);
            return;
        }
        line(out, "%s: p50 %.2f ms, p99 %.2f ms, max %.2f ms; error |gap-20ms| p50 %.2f, p99 %.2f, max %.2f ms (%d gaps)",
                label, g.gapP50Ms(), g.gapP99Ms(), g.gapMaxMs(), g.errorP50Ms(), g.errorP99Ms(), g.errorMaxMs(), g.gaps());
    }

    private static String describe(CallOutcome outcome) {
        return switch (outcome) {
            case CALLER_HANGUP -> "finished, simulator hung up";
            case SERVER_HANGUP -> "server hung up (0x00)";
            case SERVER_CLOSED -> "server closed the connection";
            case SERVER_ERROR -> "server sent an error frame";
            case PROTOCOL_ERROR -> "protocol error";
            case TIMED_OUT -> "timed out";
            case CONNECT_FAILED -> "connection failed";
        };
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }

    private static double round(double ms) {
        return Math.round(ms * 1000) / 1000.0;
    }
}
