package dev.doorman.server.call;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetSocketAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SourceAllowListTest {
    @Test
    void matchesIpv4AndIpv6Networks() {
        SourceAllowList list = SourceAllowList.of(List.of("10.0.0.0/8", "192.168.1.7", "fd00::/8"));
        assertTrue(list.allows(new InetSocketAddress("10.20.30.40", 1)));
        assertTrue(list.allows(new InetSocketAddress("192.168.1.7", 1)));
        assertFalse(list.allows(new InetSocketAddress("192.168.1.8", 1)));
        assertTrue(list.allows(new InetSocketAddress("fd12::1", 1)));
        assertFalse(list.allows(new InetSocketAddress("8.8.8.8", 1)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "example.com/8", "10.0.0.0/x", "", "::/129"})
    void rejectsInvalidNetworks(String cidr) {
        assertThrows(IllegalArgumentException.class, () -> SourceAllowList.parse(cidr));
    }
}
