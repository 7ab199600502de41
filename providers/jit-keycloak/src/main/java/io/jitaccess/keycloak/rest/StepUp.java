package io.jitaccess.keycloak.rest;

import io.jitaccess.core.MfaEvidence;
import java.util.LinkedHashMap;
import java.util.Map;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.utils.AcrUtils;

/**
 * How a caller whose token lacks a fresh enough second factor gets one: the OIDC parameters of a step-up login
 * ({@code acr_values} naming level 2 in the client's ACR-to-LoA map, {@code max_age} when the policy sets a
 * freshness). The API hands them out with {@code stale_mfa} and with items that need them, so that a client
 * such as the account console can send its user through the second factor and come back.
 */
public final class StepUp {

    /** The ACR value that asks for the elevation step itself: never a step-up target. */
    private static final String ELEVATION_ACR = "jit";

    private final String acrValue;

    private StepUp(String acrValue) {
        this.acrValue = acrValue;
    }

    /** The step-up for tokens of {@code clientId} (the client the caller's token was issued to). */
    public static StepUp forClient(RealmModel realm, String clientId) {
        ClientModel client = clientId == null ? null : realm.getClientByClientId(clientId);
        Map<String, Integer> map = client == null ? Map.of() : AcrUtils.getAcrLoaMap(client);
        String acr = map.entrySet().stream()
                .filter(e -> e.getValue() != null && e.getValue() == MfaEvidence.SECOND_FACTOR_LEVEL)
                .map(Map.Entry::getKey)
                .filter(name -> !ELEVATION_ACR.equals(name))
                .findFirst()
                .orElse(Integer.toString(MfaEvidence.SECOND_FACTOR_LEVEL));
        return new StepUp(acr);
    }

    /** {@code {"acr_values": "mfa", "max_age": 300}}; {@code max_age} only when a freshness is set. */
    public Map<String, Object> parameters(long maxAgeSeconds) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("acr_values", acrValue);
        if (maxAgeSeconds > 0) {
            parameters.put("max_age", maxAgeSeconds);
        }
        return parameters;
    }
}
