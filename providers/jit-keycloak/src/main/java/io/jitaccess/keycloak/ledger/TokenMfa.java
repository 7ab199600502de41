package io.jitaccess.keycloak.ledger;

import com.fasterxml.jackson.core.type.TypeReference;
import io.jitaccess.core.MfaEvidence;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.utils.AcrUtils;
import org.keycloak.representations.AccessToken;
import org.keycloak.util.JsonSerialization;

/**
 * Reads MFA evidence from a verified access token: the level of authentication from {@code acr} (through the
 * realm's or client's ACR-to-LoA map), and the time that level was reached — from the session's record of
 * authenticated levels where Keycloak keeps one, else the token's {@code auth_time}.
 */
public final class TokenMfa {

    private TokenMfa() {}

    /**
     * A token of an offline session carries no evidence: its login may be weeks old, and a decision or a request
     * needs a second factor of this login.
     */
    public static MfaEvidence of(AccessToken token, ClientModel client, UserSessionModel userSession) {
        String acr = token.getAcr();
        if (acr == null || acr.isBlank() || (userSession != null && userSession.isOffline())) {
            return MfaEvidence.NONE;
        }
        int level = level(acr, client);
        Optional<Instant> at = levelTime(userSession, level)
                .or(() -> Optional.ofNullable(token.getAuth_time()).map(Instant::ofEpochSecond));
        return new MfaEvidence(level, acr, at);
    }

    private static int level(String acr, ClientModel client) {
        try {
            return Integer.parseInt(acr);
        } catch (NumberFormatException e) {
            Map<String, Integer> map = AcrUtils.getAcrLoaMap(client);
            Integer level = map.get(acr);
            return level == null ? 0 : level;
        }
    }

    private static Optional<Instant> levelTime(UserSessionModel userSession, int level) {
        return userSession == null ? Optional.empty() : levelTime(userSession.getNote(Constants.LOA_MAP), level);
    }

    /** When {@code level} was reached, from Keycloak's record of authenticated levels (a JSON map level → epoch seconds). */
    public static Optional<Instant> levelTime(String note, int level) {
        if (note == null) {
            return Optional.empty();
        }
        try {
            Map<Integer, Integer> levels =
                    JsonSerialization.readValue(note, new TypeReference<Map<Integer, Integer>>() {});
            return Optional.ofNullable(levels.get(level))
                    .map(Integer::longValue)
                    .map(Instant::ofEpochSecond);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
