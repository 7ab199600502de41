package io.jitaccess.keycloak.store;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;

/** An access request (JIT_REQUEST). Times are epoch milliseconds. */
@Entity(name = "JitRequest")
@Table(name = "JIT_REQUEST")
// spotless:off (one named query per entry, as the queries read)
@NamedQueries({
    @NamedQuery(name = "jitRequestsOfUser",
            query = "select r from JitRequest r where r.realmId = :realmId and r.requesterId = :userId order by r.createdAt desc"),
    @NamedQuery(name = "jitRequestsOfUserByStatus",
            query = "select r from JitRequest r where r.realmId = :realmId and r.requesterId = :userId and r.status = :status"
                    + " order by r.createdAt desc"),
    @NamedQuery(name = "jitCountRequestsOfUserUnderPolicyOpen",
            query = "select count(r) from JitRequest r where r.realmId = :realmId and r.requesterId = :userId"
                    + " and r.policyId = :policyId and r.status = :status and r.expiresAt > :now"),
    @NamedQuery(name = "jitOpenRequestsOfPolicies",
            query = "select distinct r from JitRequest r left join fetch r.approvals where r.realmId = :realmId"
                    + " and r.policyId in :policyIds and r.status = :status and r.expiresAt > :now order by r.createdAt"),
    @NamedQuery(name = "jitCountRequestsByStatus", query = "select count(r) from JitRequest r where r.status = :status"),
    @NamedQuery(name = "jitRequestsLapsed",
            query = "select r.id, r.realmId from JitRequest r where r.status = :status and r.expiresAt <= :now order by r.expiresAt"),
    @NamedQuery(name = "jitRequestsLapsedOutside",
            query = "select r.id, r.realmId from JitRequest r where r.status = :status and r.expiresAt <= :now"
                    + " and r.realmId not in :busy order by r.expiresAt"),
    @NamedQuery(name = "jitCloseRequestsById",
            query = "update JitRequest r set r.status = :to, r.decidedAt = :now where r.id in :ids and r.status = :from"),
    @NamedQuery(name = "jitCloseRequestsOfRealm",
            query = "update JitRequest r set r.status = :to, r.decidedAt = :now where r.realmId = :realmId and r.status = :from"),
})
// spotless:on
public class RequestEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", nullable = false, length = 36)
    private String realmId;

    @Column(name = "POLICY_ID", nullable = false, length = 36)
    private String policyId;

    @Column(name = "POLICY_NAME", nullable = false)
    private String policyName;

    @Column(name = "REQUESTER_ID", nullable = false, length = 36)
    private String requesterId;

    @Column(name = "REQUESTER_NAME", nullable = false)
    private String requesterName;

    @Column(name = "REQUESTER_CLIENT_ID")
    private String requesterClientId;

    @Column(name = "ROLE_CLIENT_ID")
    private String roleClientId;

    @Column(name = "ROLE_NAME", nullable = false)
    private String roleName;

    /** ROLE or GROUP (roleId, roleName: the group's id and path then); null in rows written before groups: a role. */
    @Column(name = "TARGET_KIND", length = 8)
    private String targetKind;

    /** The id of the role asked for (null for requests made before 0.2). */
    @Column(name = "ROLE_ID", length = 36)
    private String roleId;

    @Column(name = "DURATION_SECONDS", nullable = false)
    private long durationSeconds;

    @Column(name = "JUSTIFICATION", length = 2000)
    private String justification;

    @Column(name = "TICKET", length = 200)
    private String ticket;

    @Column(name = "SOURCE_IP", length = 64)
    private String sourceIp;

    @Column(name = "USER_AGENT", length = 512)
    private String userAgent;

    @Column(name = "MFA_ACR", length = 64)
    private String mfaAcr;

    @Column(name = "MFA_LEVEL")
    private int mfaLevel;

    @Column(name = "MFA_AT")
    private Long mfaAt;

    @Column(name = "STATUS", nullable = false, length = 16)
    private String status;

    @Column(name = "REQUIRED_APPROVALS", nullable = false)
    private int requiredApprovals;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "EXPIRES_AT", nullable = false)
    private long expiresAt;

    @Column(name = "DECIDED_AT")
    private Long decidedAt;

    @Column(name = "GRANT_ID", length = 36)
    private String grantId;

    @OneToMany(mappedBy = "request", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("decidedAt")
    private List<ApprovalEntity> approvals = new ArrayList<>();

    // spotless:off (plain accessors, one per line)
    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getPolicyId() { return policyId; }
    public void setPolicyId(String policyId) { this.policyId = policyId; }
    public String getPolicyName() { return policyName; }
    public void setPolicyName(String policyName) { this.policyName = policyName; }
    public String getRequesterId() { return requesterId; }
    public void setRequesterId(String requesterId) { this.requesterId = requesterId; }
    public String getRequesterName() { return requesterName; }
    public void setRequesterName(String requesterName) { this.requesterName = requesterName; }
    public String getRequesterClientId() { return requesterClientId; }
    public void setRequesterClientId(String requesterClientId) { this.requesterClientId = requesterClientId; }
    public String getRoleClientId() { return roleClientId; }
    public void setRoleClientId(String roleClientId) { this.roleClientId = roleClientId; }
    public String getRoleName() { return roleName; }
    public String getTargetKind() { return targetKind; }
    public void setTargetKind(String targetKind) { this.targetKind = targetKind; }
    public void setRoleName(String roleName) { this.roleName = roleName; }
    public String getRoleId() { return roleId; }
    public void setRoleId(String roleId) { this.roleId = roleId; }
    public long getDurationSeconds() { return durationSeconds; }
    public void setDurationSeconds(long durationSeconds) { this.durationSeconds = durationSeconds; }
    public String getJustification() { return justification; }
    public void setJustification(String justification) { this.justification = justification; }
    public String getTicket() { return ticket; }
    public void setTicket(String ticket) { this.ticket = ticket; }
    public String getSourceIp() { return sourceIp; }
    public void setSourceIp(String sourceIp) { this.sourceIp = sourceIp; }
    public String getUserAgent() { return userAgent; }
    public void setUserAgent(String userAgent) { this.userAgent = userAgent; }
    public String getMfaAcr() { return mfaAcr; }
    public void setMfaAcr(String mfaAcr) { this.mfaAcr = mfaAcr; }
    public int getMfaLevel() { return mfaLevel; }
    public void setMfaLevel(int mfaLevel) { this.mfaLevel = mfaLevel; }
    public Long getMfaAt() { return mfaAt; }
    public void setMfaAt(Long mfaAt) { this.mfaAt = mfaAt; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public int getRequiredApprovals() { return requiredApprovals; }
    public void setRequiredApprovals(int requiredApprovals) { this.requiredApprovals = requiredApprovals; }
    public long getCreatedAt() { return createdAt; }
    public void setCreatedAt(long createdAt) { this.createdAt = createdAt; }
    public long getExpiresAt() { return expiresAt; }
    public void setExpiresAt(long expiresAt) { this.expiresAt = expiresAt; }
    public Long getDecidedAt() { return decidedAt; }
    public void setDecidedAt(Long decidedAt) { this.decidedAt = decidedAt; }
    public String getGrantId() { return grantId; }
    public void setGrantId(String grantId) { this.grantId = grantId; }
    public List<ApprovalEntity> getApprovals() { return approvals; }
    // spotless:on

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof RequestEntity other && id != null && id.equals(other.id));
    }

    @Override
    public int hashCode() {
        return id == null ? 0 : id.hashCode();
    }
}
