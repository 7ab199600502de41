package io.jitaccess.keycloak.expiry;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** SPI {@code jit-expiry}: its options are set as {@code --spi-jit-expiry--default--<option>}. */
public final class ExpirySpi implements Spi {

    public static final String NAME = "jit-expiry";

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return ExpiryProvider.class;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return ExpiryProviderFactory.class;
    }
}
