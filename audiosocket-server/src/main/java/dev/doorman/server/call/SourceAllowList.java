package dev.doorman.server.call;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The source networks allowed to connect. AudioSocket has no authentication, so the network is
 * the only gate: anyone who can connect can start a call.
 */
public final class SourceAllowList {
    private final List<String> cidrs;
    private final List<IpSubnetFilterRule> rules;

    private SourceAllowList(List<String> cidrs, List<IpSubnetFilterRule> rules) {
        this.cidrs = List.copyOf(cidrs);
        this.rules = List.copyOf(rules);
    }

    /**
     * @param cidrs e.g. {@code 10.0.0.0/8}, {@code ::1/128}; a bare address means that one host
     * @throws IllegalArgumentException naming the entry that is not a valid CIDR block
     */
    public static SourceAllowList of(List<String> cidrs) {
        List<IpSubnetFilterRule> rules = new ArrayList<>();
        for (String cidr : cidrs) {
            rules.add(parse(cidr));
        }
        return new SourceAllowList(cidrs, rules);
    }

    /** Validates one CIDR entry; the message says what is wrong with it. */
    public static IpSubnetFilterRule parse(String cidr) {
        if (cidr == null || cidr.isBlank()) {
            throw new IllegalArgumentException("empty network (expected CIDR like 10.0.0.0/8)");
        }
        String text = cidr.strip();
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        if (!address.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            throw new IllegalArgumentException("'" + cidr + "' is not an IP network (expected CIDR like 10.0.0.0/8; host names are not allowed)");
        }
        int max = address.contains(":") ? 128 : 32;
        int prefix = max;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + cidr + "' has a non-numeric prefix length");
            }
        }
        if (prefix < 0 || prefix > max) {
            throw new IllegalArgumentException("'" + cidr + "' prefix length must be 0.." + max);
        }
        try {
            return new IpSubnetFilterRule(address, prefix, IpFilterRuleType.ACCEPT);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + cidr + "' is not a valid IP network: " + e.getMessage());
        }
    }

    public boolean allows(InetSocketAddress remote) {
        for (IpSubnetFilterRule rule : rules) {
            if (rule.matches(remote)) {
                return true;
            }
        }
        return false;
    }

    public List<String> cidrs() {
        return cidrs;
    }
}
