package dev.doorman.server.resident;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.doorman.server.access.AccessConfig;
import dev.doorman.server.access.DoorOpeners;
import dev.doorman.server.testing.Repository;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResidentConfigTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static String error(String section, String yaml) {
        return assertThrows(IllegalArgumentException.class, () -> {
            JsonNode node = YAML.readTree(yaml);
            if (section.equals("resident")) {
                ResidentConfig.from(node);
            } else {
                AccessConfig.from(node);
            }
        }).getMessage();
    }

    @Test
    void sampleConfigsShowTheDefaultsAndSpeakTheirLanguage() throws Exception {
        JsonNode english = YAML.readTree(Repository.root().resolve("samples/config.yaml").toFile());
        assertEquals(ResidentConfig.defaults(), ResidentConfig.from(english.get("resident")), "samples/config.yaml shows the defaults");
        assertEquals(AccessConfig.defaults(), AccessConfig.from(english.get("access")));
        JsonNode portuguese = YAML.readTree(Repository.root().resolve("samples/config-pt-BR.yaml").toFile());
        ResidentConfig pt = ResidentConfig.from(portuguese.get("resident"));
        assertEquals("com uma entrega para o", pt.prompts().purpose("delivery"));
        assertTrue(pt.prompts().greeting().startsWith("Olá"));
    }

    @Test
    void badValuesNameTheirKey() {
        assertTrue(error("resident", "enabled: true\n").startsWith("resident.ami.secret is required"),
                error("resident", "enabled: true\n"));
        assertTrue(error("resident", "dial: PJSIP/${ext}\n").contains("unknown placeholder ${ext}"));
        assertTrue(error("resident", "callback: 10.0.0.5\n").contains("resident.callback must be host:port"));
        assertTrue(error("resident", "attempts: 0\n").contains("resident.attempts must be at least 1"));
        assertTrue(error("resident", "ami: {port: 70000}\n").contains("resident.ami.port must be 1..65535"));
        assertTrue(error("resident", "ringTimeout: 3\n").startsWith("resident.ringTimeout"), "unknown keys are refused");
        assertTrue(error("access", "webhook: {url: 'http://gate/'}\n").contains("access.webhook.secret is required"));
        assertTrue(error("access", "webhook: {url: 'ftp://gate/', secret: x}\n").contains("must be an http(s) URL"));
        assertTrue(error("access", "dtmf: '9x'\n").contains("access.dtmf must be up to 32 DTMF digits"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DoorOpeners.from(AccessConfig.from(YAML.readTree("dtmf: '9#'\n")), null));
        assertTrue(e.getMessage().contains("access.dtmf needs the AMI connection"), e.getMessage());
    }

    @Test
    void theDialStringTakesOnlyWhatADialStringNeeds() {
        assertEquals("PJSIP/1303", DialString.render("PJSIP/${extension}", "1303", "303"));
        assertEquals("Local/303@apartments", DialString.render("Local/${apartment}@apartments", "1303", "303"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DialString.render("PJSIP/${extension}", "1303&PJSIP/666", "303"));
        assertTrue(e.getMessage().contains("cannot go into a dial string"), e.getMessage());
        assertFalse(ResidentConfig.defaults().enabled());
    }

    @Test
    void originateOutcomesMapToTheirReasons() {
        assertEquals(DialOutcome.ANSWERED, outcome("Success", "4"));
        assertEquals(DialOutcome.NO_ANSWER, outcome("Failure", "3"));
        assertEquals(DialOutcome.NO_ANSWER, outcome("Failure", "1"));
        assertEquals(DialOutcome.BUSY, outcome("Failure", "5"));
        assertEquals(DialOutcome.FAILED, outcome("Failure", "8"));
        assertEquals(DialOutcome.FAILED, outcome("Failure", "0"));
    }

    private static DialOutcome outcome(String response, String reason) {
        return AmiResidentDialer.outcome(dev.doorman.server.ami.AmiMessageFixtures.event("OriginateResponse",
                "Response", response, "Reason", reason)).outcome();
    }
}
