package io.jitaccess.keycloak.ledger;

import io.jitaccess.core.MfaEvidence;
import io.jitaccess.keycloak.audit.Actor;

/**
 * Who acts and from where: the user (or service account), the client their token was issued to, the
 * source address and user agent, and the MFA evidence of their token.
 */
public record Caller(UserSubject subject, String clientId, String sourceIp, String userAgent, MfaEvidence mfa)
        implements Actor {

    public String userId() {
        return subject.id();
    }

    public String username() {
        return subject.username();
    }

    /** A caller acting for the system itself (expiry, listeners), with no user. */
    public static Caller system() {
        return new Caller(null, null, null, null, MfaEvidence.NONE);
    }

    public boolean isSystem() {
        return subject == null;
    }
}
