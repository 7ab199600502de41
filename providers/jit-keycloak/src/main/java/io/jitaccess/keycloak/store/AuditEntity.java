package io.jitaccess.keycloak.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * One audit entry (JIT_AUDIT): append-only, names kept as snapshots, no foreign keys, so deleting a user
 * or a role never deletes history.
 */
@Entity(name = "JitAudit")
@Table(name = "JIT_AUDIT")
// spotless:off (one named query per entry, as the queries read)
@NamedQueries({
    @NamedQuery(name = "jitAuditOfRealm",
            query = "select a from JitAudit a where a.realmId = :realmId and a.time >= :from and a.time < :to order by a.seq"),
    @NamedQuery(name = "jitAuditChain", query = "select a from JitAudit a where a.realmId = :realmId and a.seq > :after order by a.seq"),
    @NamedQuery(name = "jitLastAuditSeqOfRealm", query = "select max(a.seq) from JitAudit a where a.realmId = :realmId"),
})
// spotless:on
public class AuditEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", nullable = false, length = 36)
    private String realmId;

    @Column(name = "SEQ", nullable = false)
    private long seq;

    @Column(name = "EVENT_TIME", nullable = false)
    private long time;

    @Column(name = "ACTION", nullable = false, length = 64)
    private String action;

    @Column(name = "ACTOR_ID", length = 36)
    private String actorId;

    @Column(name = "ACTOR_NAME")
    private String actorName;

    @Column(name = "SUBJECT_ID", length = 36)
    private String subjectId;

    @Column(name = "SUBJECT_NAME")
    private String subjectName;

    @Column(name = "ROLE_NAME")
    private String role;

    @Column(name = "CLIENT_ID")
    private String clientId;

    @Column(name = "GROUP_PATH")
    private String group;

    @Column(name = "POLICY_ID", length = 36)
    private String policyId;

    @Column(name = "REQUEST_ID", length = 36)
    private String requestId;

    @Column(name = "GRANT_ID", length = 36)
    private String grantId;

    @Column(name = "JUSTIFICATION", length = 2000)
    private String justification;

    @Column(name = "TICKET", length = 200)
    private String ticket;

    @Column(name = "REASON", length = 2000)
    private String reason;

    @Column(name = "SOURCE_IP", length = 64)
    private String sourceIp;

    @Column(name = "USER_AGENT", length = 512)
    private String userAgent;

    @Column(name = "PREV_HASH", nullable = false, length = 64)
    private String previousHash;

    @Column(name = "HASH", nullable = false, length = 64)
    private String hash;

    // spotless:off (plain accessors, one per line)
    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public long getSeq() { return seq; }
    public void setSeq(long seq) { this.seq = seq; }
    public long getTime() { return time; }
    public void setTime(long time) { this.time = time; }
    public String getAction() { return action; }
    public void setAction(String action) { this.action = action; }
    public String getActorId() { return actorId; }
    public void setActorId(String actorId) { this.actorId = actorId; }
    public String getActorName() { return actorName; }
    public void setActorName(String actorName) { this.actorName = actorName; }
    public String getSubjectId() { return subjectId; }
    public void setSubjectId(String subjectId) { this.subjectId = subjectId; }
    public String getSubjectName() { return subjectName; }
    public void setSubjectName(String subjectName) { this.subjectName = subjectName; }
    public String getRole() { return role; }
    public void setRole(String role) { this.role = role; }
    public String getGroup() { return group; }
    public void setGroup(String group) { this.group = group; }
    public String getClientId() { return clientId; }
    public void setClientId(String clientId) { this.clientId = clientId; }
    public String getPolicyId() { return policyId; }
    public void setPolicyId(String policyId) { this.policyId = policyId; }
    public String getRequestId() { return requestId; }
    public void setRequestId(String requestId) { this.requestId = requestId; }
    public String getGrantId() { return grantId; }
    public void setGrantId(String grantId) { this.grantId = grantId; }
    public String getJustification() { return justification; }
    public void setJustification(String justification) { this.justification = justification; }
    public String getTicket() { return ticket; }
    public void setTicket(String ticket) { this.ticket = ticket; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
    public String getSourceIp() { return sourceIp; }
    public void setSourceIp(String sourceIp) { this.sourceIp = sourceIp; }
    public String getUserAgent() { return userAgent; }
    public void setUserAgent(String userAgent) { this.userAgent = userAgent; }
    public String getPreviousHash() { return previousHash; }
    public void setPreviousHash(String previousHash) { this.previousHash = previousHash; }
    public String getHash() { return hash; }
    public void setHash(String hash) { this.hash = hash; }
    // spotless:on

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof AuditEntity other && id != null && id.equals(other.id));
    }

    @Override
    public int hashCode() {
        return id == null ? 0 : id.hashCode();
    }
}
