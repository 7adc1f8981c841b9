package dev.doorman.server.call;

import java.net.SocketAddress;

/**
 * What is known about a call when it starts (the UUID frame has arrived).
 *
 * @param callId        canonical lower-case UUID sent by Asterisk
 * @param remoteAddress the Asterisk end of the TCP connection
 * @param sampleRate    the call's sample rate at start (the configured default until the first
 *                      audio frame reveals Asterisk's actual format)
 */
public record CallInfo(String callId, SocketAddress remoteAddress, int sampleRate) {
}
