package io.jitaccess.keycloak.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** A grant of a role for a time (JIT_GRANT). Times are epoch milliseconds. */
@Entity(name = "JitGrant")
@Table(name = "JIT_GRANT")
// spotless:off (one named query per entry, as the queries read)
@NamedQueries({
    @NamedQuery(name = "jitGrantsOfUserByStatus",
            query = "select g from JitGrant g where g.realmId = :realmId and g.userId = :userId and g.status = :status"
                    + " order by g.endsAt"),
    @NamedQuery(name = "jitGrantsOfUserRoleByStatus",
            query = "select g from JitGrant g where g.realmId = :realmId and g.userId = :userId and g.roleId = :roleId"
                    + " and g.status = :status"),
    @NamedQuery(name = "jitGrantsOfRealmByStatus",
            query = "select g from JitGrant g where g.realmId = :realmId and g.status = :status order by g.endsAt"),
    @NamedQuery(name = "jitGrantsOfRoleByStatus", query = "select g from JitGrant g where g.roleId = :roleId and g.status = :status"),
    @NamedQuery(name = "jitGrantsOfRealmRoleByStatus",
            query = "select g from JitGrant g where g.realmId = :realmId and g.roleId = :roleId and g.status = :status"),
    @NamedQuery(name = "jitCountGrantsOfUserUnderPolicyRunning",
            query = "select count(g) from JitGrant g where g.realmId = :realmId and g.userId = :userId"
                    + " and g.policyId = :policyId and g.status = :status and g.endsAt > :now"),
    @NamedQuery(name = "jitCountGrantsByStatus", query = "select count(g) from JitGrant g where g.status = :status"),
    @NamedQuery(name = "jitUserRolesOfOtherGrants",
            query = "select g.userId, g.roleId, g.targetKind from JitGrant g where g.realmId = :realmId and g.status = :status"
                    + " and g.userId in :userIds and g.id not in :ids"),
    @NamedQuery(name = "jitTargetsOfGrants", query = "select distinct g.roleId, g.realmId, g.targetKind from JitGrant g where g.status = :status"),
    @NamedQuery(name = "jitGrantsDue",
            query = "select g.id, g.realmId from JitGrant g where g.status = :status and g.endsAt <= :now order by g.endsAt"),
    @NamedQuery(name = "jitGrantsDueOutside",
            query = "select g.id, g.realmId from JitGrant g where g.status = :status and g.endsAt <= :now"
                    + " and g.realmId not in :busy order by g.endsAt"),
    @NamedQuery(name = "jitGrantsById", query = "select g from JitGrant g where g.id in :ids"),
    @NamedQuery(name = "jitFirstGrantEnd", query = "select min(g.endsAt) from JitGrant g where g.status = :status"),
    @NamedQuery(name = "jitFirstGrantEndOutside",
            query = "select min(g.endsAt) from JitGrant g where g.status = :status and g.realmId not in :busy"),
    @NamedQuery(name = "jitGrantsEndingSoon",
            query = "select g from JitGrant g where g.status = :status and g.endsAt > :now and g.endsAt <= :soon"
                    + " and g.endsAt - g.startsAt > :lead and not exists (select n from JitNotification n"
                    + " where n.grantId = g.id and n.kind = :kind)"),
    @NamedQuery(name = "jitEndGrantsById",
            query = "update JitGrant g set g.status = :to, g.endedAt = :now, g.endedBy = :endedBy, g.endReason = :reason"
                    + " where g.id in :ids and g.status = :from"),
    @NamedQuery(name = "jitEndGrantsOfRealm",
            query = "update JitGrant g set g.status = :to, g.endedAt = :now, g.endedBy = :endedBy, g.endReason = :reason"
                    + " where g.realmId = :realmId and g.status = :from"),
})
// spotless:on
public class GrantEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", nullable = false, length = 36)
    private String realmId;

    @Column(name = "REQUEST_ID", nullable = false, length = 36)
    private String requestId;

    @Column(name = "POLICY_ID", nullable = false, length = 36)
    private String policyId;

    @Column(name = "USER_ID", nullable = false, length = 36)
    private String userId;

    @Column(name = "USER_NAME", nullable = false)
    private String userName;

    @Column(name = "ROLE_ID", nullable = false, length = 36)
    private String roleId;

    @Column(name = "ROLE_CLIENT_ID")
    private String roleClientId;

    @Column(name = "ROLE_NAME", nullable = false)
    private String roleName;

    /** ROLE or GROUP (roleId, roleName: the group's id and path then); null in rows written before groups: a role. */
    @Column(name = "TARGET_KIND", length = 8)
    private String targetKind;

    @Column(name = "STARTS_AT", nullable = false)
    private long startsAt;

    @Column(name = "ENDS_AT", nullable = false)
    private long endsAt;

    @Column(name = "STANDING", nullable = false)
    private boolean standing;

    @Column(name = "STATUS", nullable = false, length = 16)
    private String status;

    @Column(name = "ENDED_AT")
    private Long endedAt;

    @Column(name = "ENDED_BY", length = 16)
    private String endedBy;

    @Column(name = "END_REASON", length = 2000)
    private String endReason;

    @Column(name = "ENDED_BY_USER", length = 255)
    private String endedByUser;

    // spotless:off (plain accessors, one per line)
    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getRequestId() { return requestId; }
    public void setRequestId(String requestId) { this.requestId = requestId; }
    public String getPolicyId() { return policyId; }
    public void setPolicyId(String policyId) { this.policyId = policyId; }
    public String getUserId() { return userId; }
    public void setUserId(String userId) { this.userId = userId; }
    public String getUserName() { return userName; }
    public void setUserName(String userName) { this.userName = userName; }
    public String getRoleId() { return roleId; }
    public void setRoleId(String roleId) { this.roleId = roleId; }
    public String getRoleClientId() { return roleClientId; }
    public void setRoleClientId(String roleClientId) { this.roleClientId = roleClientId; }
    public String getRoleName() { return roleName; }
    public String getTargetKind() { return targetKind; }
    public void setTargetKind(String targetKind) { this.targetKind = targetKind; }
    public void setRoleName(String roleName) { this.roleName = roleName; }
    public long getStartsAt() { return startsAt; }
    public void setStartsAt(long startsAt) { this.startsAt = startsAt; }
    public long getEndsAt() { return endsAt; }
    public void setEndsAt(long endsAt) { this.endsAt = endsAt; }
    public boolean isStanding() { return standing; }
    public void setStanding(boolean standing) { this.standing = standing; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public Long getEndedAt() { return endedAt; }
    public void setEndedAt(Long endedAt) { this.endedAt = endedAt; }
    public String getEndedBy() { return endedBy; }
    public void setEndedBy(String endedBy) { this.endedBy = endedBy; }
    public String getEndReason() { return endReason; }
    public void setEndReason(String endReason) { this.endReason = endReason; }
    public String getEndedByUser() { return endedByUser; }
    public void setEndedByUser(String endedByUser) { this.endedByUser = endedByUser; }
    // spotless:on

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof GrantEntity other && id != null && id.equals(other.id));
    }

    @Override
    public int hashCode() {
        return id == null ? 0 : id.hashCode();
    }

    /** What the grant gives: a role, or (TARGET_KIND GROUP) a group membership; rows from before groups are roles. */
    public io.jitaccess.core.Target.Kind kind() {
        return kindOf(targetKind);
    }

    /** A stored TARGET_KIND as a kind; null (rows from before groups) is a role. */
    public static io.jitaccess.core.Target.Kind kindOf(String stored) {
        return io.jitaccess.core.Target.Kind.GROUP.name().equals(stored)
                ? io.jitaccess.core.Target.Kind.GROUP
                : io.jitaccess.core.Target.Kind.ROLE;
    }

    /** This grant as the grant rules see it. */
    public io.jitaccess.core.GrantRules.ActiveGrant toActiveGrant() {
        return new io.jitaccess.core.GrantRules.ActiveGrant(
                id, roleId, standing, java.time.Instant.ofEpochMilli(endsAt));
    }
}
