package io.jitaccess.keycloak.expiry;

import org.keycloak.provider.Provider;

/**
 * The provider of the {@code jit-expiry} SPI, which carries expiry's options. A session asks nothing of it: expiry's
 * work runs in its factory (this node's timer, the cluster's sweep) and follows the ledger's events.
 */
public interface ExpiryProvider extends Provider {}
