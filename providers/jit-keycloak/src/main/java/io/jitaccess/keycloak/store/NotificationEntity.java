package io.jitaccess.keycloak.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A notification owed to a user (JIT_NOTIFICATION): recorded with the change, delivered by mail later. */
@Entity(name = "JitNotification")
@Table(name = "JIT_NOTIFICATION")
@jakarta.persistence.NamedQueries({
    @jakarta.persistence.NamedQuery(
            name = "jitNotificationsToSend",
            query = "select n.id from JitNotification n where n.status = :status order by n.createdAt"),
    @jakarta.persistence.NamedQuery(
            name = "jitClaimNotification",
            query =
                    "update JitNotification n set n.status = :to, n.attempts = n.attempts + 1 where n.id = :id and n.status = :from"),
})
public class NotificationEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", nullable = false, length = 36)
    private String realmId;

    @Column(name = "USER_ID", nullable = false, length = 36)
    private String userId;

    @Column(name = "KIND", nullable = false, length = 32)
    private String kind;

    @Column(name = "GRANT_ID", length = 36)
    private String grantId;

    @Column(name = "REQUEST_ID", length = 36)
    private String requestId;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "STATUS", nullable = false, length = 16)
    private String status;

    @Column(name = "SENT_AT")
    private Long sentAt;

    @Column(name = "BASE_URL", length = 1024)
    private String baseUrl;

    @Column(name = "ATTEMPTS", nullable = false)
    private int attempts;

    @Column(name = "LAST_ERROR", length = 1024)
    private String lastError;

    // spotless:off (plain accessors, one per line)
    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getUserId() { return userId; }
    public void setUserId(String userId) { this.userId = userId; }
    public String getKind() { return kind; }
    public void setKind(String kind) { this.kind = kind; }
    public String getGrantId() { return grantId; }
    public void setGrantId(String grantId) { this.grantId = grantId; }
    public String getRequestId() { return requestId; }
    public void setRequestId(String requestId) { this.requestId = requestId; }
    public long getCreatedAt() { return createdAt; }
    public void setCreatedAt(long createdAt) { this.createdAt = createdAt; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public Long getSentAt() { return sentAt; }
    public void setSentAt(Long sentAt) { this.sentAt = sentAt; }
    public String getBaseUrl() { return baseUrl; }
    public void setBaseUrl(String baseUrl) { this.baseUrl = baseUrl; }
    public int getAttempts() { return attempts; }
    public void setAttempts(int attempts) { this.attempts = attempts; }
    public String getLastError() { return lastError; }
    public void setLastError(String lastError) { this.lastError = lastError; }
    // spotless:on

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof NotificationEntity other && id != null && id.equals(other.id));
    }

    @Override
    public int hashCode() {
        return id == null ? 0 : id.hashCode();
    }
}
