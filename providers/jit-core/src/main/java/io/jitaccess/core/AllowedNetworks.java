package io.jitaccess.core;

import java.util.List;

/** Where requests may come from; no ranges means anywhere. */
public record AllowedNetworks(List<Cidr> ranges) {

    public static final AllowedNetworks ANYWHERE = new AllowedNetworks(List.of());

    public AllowedNetworks {
        ranges = List.copyOf(ranges);
    }

    public boolean admits(String sourceIp) {
        return ranges.isEmpty() || ranges.stream().anyMatch(range -> range.contains(sourceIp));
    }

    /** @throws Refusal NETWORK_NOT_ALLOWED */
    public void check(String sourceIp) {
        if (!admits(sourceIp)) {
            throw new Refusal(
                    Refusal.Reason.NETWORK_NOT_ALLOWED,
                    "Requests for this role are not accepted from your network (" + sourceIp + ").");
        }
    }
}
