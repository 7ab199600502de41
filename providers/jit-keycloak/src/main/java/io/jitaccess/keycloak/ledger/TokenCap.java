package io.jitaccess.keycloak.ledger;

import java.util.List;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;

/**
 * Where the token cap stands: which OIDC clients of a realm carry the {@code jit-grants} mapper (the token-cap
 * report), and the marks a capped client bears. The token door puts the cap there and keeps it.
 */
public final class TokenCap {

    /** The provider id of the jit-grants mapper. */
    public static final String MAPPER = "jit-grants";
    /** The client attribute that says the cap is ours to keep there, and its value. */
    public static final String MARK = "jit.cap";

    public static final String MANAGED = "managed";
    /** The client attribute that says when a removal of the cap was last found and undone. */
    public static final String RESTORED_AT = "jit.cap.restoredAt";

    private TokenCap() {}

    /** An OIDC client, and whether the cap is there. */
    public record Source(String type, String id, String name, boolean capped, String restoredAt) {}

    /** Every OIDC client of the realm and its cap. */
    public static List<Source> sources(RealmModel realm) {
        return oidcClients(realm).stream()
                .map(client -> new Source(
                        "client",
                        client.getId(),
                        client.getClientId(),
                        !caps(client).isEmpty(),
                        client.getAttribute(RESTORED_AT)))
                .toList();
    }

    /** The jit-grants mappers of the client. */
    public static List<ProtocolMapperModel> caps(ClientModel client) {
        return client.getProtocolMappersStream()
                .filter(m -> MAPPER.equals(m.getProtocolMapper()))
                .toList();
    }

    public static List<ClientModel> oidcClients(RealmModel realm) {
        return realm.getClientsStream().filter(TokenCap::isOidc).toList();
    }

    public static boolean isOidc(ClientModel client) {
        return client.getProtocol() == null || OIDCLoginProtocol.LOGIN_PROTOCOL.equals(client.getProtocol());
    }
}
