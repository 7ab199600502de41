package io.jitaccess.keycloak.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * The head of a realm's audit chain (JIT_AUDIT_HEAD). Writers lock this row, so concurrent writers append
 * one after another and the chain cannot fork.
 */
@Entity(name = "JitAuditHead")
@Table(name = "JIT_AUDIT_HEAD")
// spotless:off (one named query per entry, as the queries read)
@NamedQueries({
    @NamedQuery(name = "jitAuditHeadOfRealm", query = "select h from JitAuditHead h where h.realmId = :realmId"),
    // read fresh from the database, not from this transaction's cache, so that verify sees other nodes' appends
    @NamedQuery(name = "jitAuditHeadValues", query = "select h.lastSeq, h.lastHash from JitAuditHead h where h.realmId = :realmId"),
})
// spotless:on
public class AuditHeadEntity {

    @Id
    @Column(name = "REALM_ID", length = 36)
    private String realmId;

    @Column(name = "LAST_SEQ", nullable = false)
    private long lastSeq;

    @Column(name = "LAST_HASH", nullable = false, length = 64)
    private String lastHash;

    // spotless:off (plain accessors, one per line)
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public long getLastSeq() { return lastSeq; }
    public void setLastSeq(long lastSeq) { this.lastSeq = lastSeq; }
    public String getLastHash() { return lastHash; }
    public void setLastHash(String lastHash) { this.lastHash = lastHash; }
    // spotless:on
}
