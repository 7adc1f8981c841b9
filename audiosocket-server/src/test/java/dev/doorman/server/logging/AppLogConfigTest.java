package dev.doorman.server.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.doorman.server.call.CallLogContext;
import dev.doorman.server.testing.CapturedStderr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.MDC;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server's logback.xml: DOORMAN_LOG_FORMAT=json gives one JSON object per line with the call
 * id; the text format shows it as [call id]; DOORMAN_LOG_LEVEL sets the doorman loggers' level.
 * (The variables are given as Logback context properties, which Logback reads before the environment.)
 */
class AppLogConfigTest {
    @RegisterExtension
    final CapturedStderr stderr = new CapturedStderr();

    /** Logs three lines through a fresh context configured by the real logback.xml. */
    private List<String> logWith(Map<String, String> variables) throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(MDC.getMDCAdapter()); // the one CallLogContext writes to
        variables.forEach(context::putProperty);
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(AppLogConfigTest.class.getResource("/logback.xml"));
        Logger log = context.getLogger("dev.doorman.server.call.CallSession");
        log.info("not about a call");
        try (CallLogContext.Scope ignored = CallLogContext.enter("2e6e863f-90ea-4fad-89a4-d16a8d0df1f6")) {
            log.warn("peer stopped reading");
        }
        log.debug("details");
        context.stop();
        return stderr.text().lines().toList();
    }

    @Test
    void jsonLinesCarryTheCallId() throws Exception {
        List<String> lines = logWith(Map.of("DOORMAN_LOG_FORMAT", "json"));
        assertEquals(2, lines.size(), String.join("\n", lines));
        ObjectMapper json = new ObjectMapper();
        JsonNode plain = json.readTree(lines.get(0));
        assertEquals("INFO", plain.get("level").asText());
        assertEquals("not about a call", plain.get("formattedMessage").asText());
        assertTrue(plain.get("mdc").isEmpty());
        JsonNode call = json.readTree(lines.get(1));
        assertEquals("WARN", call.get("level").asText());
        assertEquals("dev.doorman.server.call.CallSession", call.get("loggerName").asText());
        assertEquals("2e6e863f-90ea-4fad-89a4-d16a8d0df1f6", call.get("mdc").get("call_id").asText());
        assertTrue(call.get("timestamp").asLong() > 0);
    }

    @Test
    void textLinesShowTheCallIdAndTheLevelIsSet() throws Exception {
        List<String> lines = logWith(Map.of("DOORMAN_LOG_LEVEL", "debug"));
        assertEquals(3, lines.size(), String.join("\n", lines));
        assertFalse(lines.get(0).contains("[call"), lines.get(0));
        assertTrue(lines.get(1).contains(" [call 2e6e863f-90ea-4fad-89a4-d16a8d0df1f6] - peer stopped reading"), lines.get(1));
        assertTrue(lines.get(2).contains("DEBUG") && lines.get(2).endsWith("- details"), lines.get(2));
    }

    @Test
    void theDefaultsAreTextAtInfoWithoutLogbacksOwnChatter() throws Exception {
        List<String> lines = logWith(Map.of());
        assertEquals(2, lines.size(), "no status lines from Logback, no debug line:\n" + String.join("\n", lines));
        assertTrue(lines.get(0).matches("\\d{4}-\\d\\d-\\d\\dT.* INFO  \\[.*] .* - not about a call"), lines.get(0));
    }
}
