package dev.doorman.server.ami;

import dev.doorman.server.testing.RealAsterisk;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The AMI client against the real Asterisk manager: login, actions, refusals, outages and reconnection. */
class AmiClientTest {
    @TempDir
    static Path tmp;
    static RealAsterisk asterisk;

    @BeforeAll
    static void startAsterisk() throws Exception {
        asterisk = RealAsterisk.start(tmp.resolve("asterisk"), new RealAsterisk.AsteriskConfig().dialplan("""
                [parked]
                exten => s,1,Answer()
                 same => n,Set(CALL_ID=6f1c2a9e-0b3d-4c52-9a55-1d2f3e4a5b6c)
                 same => n,Wait(30)
                """));
    }

    @AfterAll
    static void stopAsterisk() {
        if (asterisk != null) {
            asterisk.close();
        }
    }

    private static AmiClient client(String secret) {
        return new AmiClient(new AmiSettings("127.0.0.1", asterisk.amiPort(), RealAsterisk.AMI_USER, secret,
                Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofMillis(100), Duration.ofMillis(500), "call")).start();
    }

    private static Throwable failure(CompletableFuture<?> future) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(10, TimeUnit.SECONDS));
        return e.getCause();
    }

    @Test
    void logsInAndAnswersActions() throws Exception {
        try (AmiClient ami = client(RealAsterisk.AMI_SECRET)) {
            await().atMost(Duration.ofSeconds(10)).until(ami::isReady);
            AmiMessage pong = ami.send(AmiMessage.action("Ping").build()).get(5, TimeUnit.SECONDS);
            assertEquals("Success", pong.get("Response").orElseThrow());
            AmiException refused = assertInstanceOf(AmiException.class,
                    failure(ami.send(AmiMessage.action("Hangup").add("Channel", "no-such-channel").build())));
            assertFalse(refused.unavailable(), "a refusal by Asterisk is not an outage");
            assertTrue(refused.getMessage().contains("No such channel"), refused.getMessage());
        }
    }

    @Test
    void listActionsCollectTheirEventsAndFindAChannelByItsVariable() throws Exception {
        try (AmiClient ami = client(RealAsterisk.AMI_SECRET)) {
            await().atMost(Duration.ofSeconds(10)).until(ami::isReady);
            asterisk.cli("channel originate Local/s@parked application Wait 30");
            await().atMost(Duration.ofSeconds(10)).until(() -> ami.sendForList(AmiMessage.action("Status")
                            .add("Variables", "CALL_ID").build()).get(5, TimeUnit.SECONDS).stream()
                    .anyMatch(s -> s.all("Variable").contains("CALL_ID=6f1c2a9e-0b3d-4c52-9a55-1d2f3e4a5b6c")));
            asterisk.cli("channel request hangup all");
        }
    }

    @Test
    void wrongSecretIsReportedAndActionsFailFastAsUnavailable() {
        try (AmiClient ami = client("wrong-secret")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> ami.lastProblem().contains("Authentication failed"));
            assertFalse(ami.isReady());
            AmiException e = assertInstanceOf(AmiException.class, failure(ami.send(AmiMessage.action("Ping").build())));
            assertTrue(e.unavailable());
            assertTrue(e.getMessage().contains("Authentication failed"), e.getMessage());
        }
    }

    @Test
    void nothingListeningFailsFastAndNamesTheAddress() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (AmiClient ami = new AmiClient(AmiSettings.of("127.0.0.1", closedPort, "u", "s")).start()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> ami.lastProblem().contains("cannot connect"));
            AmiException e = assertInstanceOf(AmiException.class, failure(ami.send(AmiMessage.action("Ping").build())));
            assertTrue(e.unavailable());
            assertTrue(e.getMessage().contains("127.0.0.1:" + closedPort), e.getMessage());
        }
    }

    @Test
    void reconnectsWhenAsteriskComesBack() throws Exception {
        try (AmiClient ami = client(RealAsterisk.AMI_SECRET)) {
            List<Boolean> changes = new java.util.concurrent.CopyOnWriteArrayList<>();
            ami.addListener(new AmiListener() {
                @Override
                public void onConnectionChanged(boolean ready) {
                    changes.add(ready);
                }
            });
            await().atMost(Duration.ofSeconds(10)).until(ami::isReady);
            asterisk.stop();
            await().atMost(Duration.ofSeconds(10)).until(() -> !ami.isReady());
            assertTrue(failure(ami.send(AmiMessage.action("Ping").build())) instanceof AmiException e && e.unavailable());
            asterisk.start();
            await().atMost(Duration.ofSeconds(20)).until(ami::isReady);
            assertEquals("Success", ami.send(AmiMessage.action("Ping").build()).get(5, TimeUnit.SECONDS).get("Response").orElseThrow());
            assertEquals(List.of(false, true), changes.subList(changes.size() - 2, changes.size()));
        }
    }
}
