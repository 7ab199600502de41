package io.jitaccess.keycloak.ledger;

import io.jitaccess.core.ListFilter;
import io.jitaccess.core.Refusal;
import io.jitaccess.keycloak.audit.AuditAction;
import io.jitaccess.keycloak.audit.AuditDraft;
import io.jitaccess.keycloak.audit.AuditTrail;
import io.jitaccess.keycloak.store.GrantEntity;
import io.jitaccess.keycloak.store.GrantStore;
import io.jitaccess.keycloak.store.RequestEntity;
import io.jitaccess.keycloak.store.RequestStore;
import io.jitaccess.keycloak.store.StoredText;
import java.util.List;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The JIT ledger of one realm: requests, decisions and grants, every change audited in the same transaction.
 * Its rooms follow what people do: {@link #requesting()}, {@link #deciding()}, {@link #ending()}; {@link Grants}
 * starts and ends the role mappings, and {@link AuditTrail} records it all.
 */
public final class Ledger {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AuditTrail audit;
    private final Grants grants;

    public Ledger(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.audit = new AuditTrail(session, realm);
        this.grants = new Grants(session, realm, audit);
    }

    public AuditTrail audit() {
        return audit;
    }

    public Grants grants() {
        return grants;
    }

    public Requesting requesting() {
        return new Requesting(session, realm, this);
    }

    public Deciding deciding() {
        return new Deciding(session, realm, this);
    }

    public Ending ending() {
        return new Ending(session, realm, this);
    }

    /** The admin API's list of requests: newest first, one page. */
    public List<RequestEntity> requestsMatching(ListFilter filter, int first, int max) {
        return new RequestStore(session).search(realm.getId(), filter, first, max);
    }

    /** The admin API's list of grants: newest start first, one page. */
    public List<GrantEntity> grantsMatching(ListFilter filter, int first, int max) {
        return new GrantStore(session).search(realm.getId(), filter, first, max);
    }

    static long now() {
        return Time.currentTimeMillis();
    }

    /** The answer to an id the caller may not see, the same as for one that does not exist, audited. */
    Refusal refuseRead(Caller caller, String id) {
        Refusal refusal = new Refusal(Refusal.Reason.NOT_FOUND, "No such request or grant, or it is not yours.")
                .withDetail("not found or not the caller's: " + StoredText.fit(id, 100));
        audit.append(AuditDraft.of(AuditAction.ACCESS_REFUSED)
                .actor(caller)
                .subject(caller.userId(), caller.username())
                .requestId(StoredText.id(id))
                .reason(refusal.auditReason()));
        return refusal;
    }
}
