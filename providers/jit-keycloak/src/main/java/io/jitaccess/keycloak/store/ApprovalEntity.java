package io.jitaccess.keycloak.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** One approver's decision on a request (JIT_APPROVAL); one per approver and request, enforced by a unique key. */
@Entity(name = "JitApproval")
@Table(name = "JIT_APPROVAL")
public class ApprovalEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "REQUEST_ID", nullable = false)
    private RequestEntity request;

    @Column(name = "APPROVER_ID", nullable = false, length = 36)
    private String approverId;

    @Column(name = "APPROVER_NAME", nullable = false)
    private String approverName;

    @Column(name = "VERDICT", nullable = false, length = 16)
    private String verdict;

    @Column(name = "DECISION_COMMENT", length = 2000)
    private String comment;

    @Column(name = "DECIDED_AT", nullable = false)
    private long decidedAt;

    @Column(name = "MFA_ACR", length = 64)
    private String mfaAcr;

    @Column(name = "MFA_AT")
    private Long mfaAt;

    @Column(name = "SOURCE_IP", length = 64)
    private String sourceIp;

    // spotless:off (plain accessors, one per line)
    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public RequestEntity getRequest() { return request; }
    public void setRequest(RequestEntity request) { this.request = request; }
    public String getApproverId() { return approverId; }
    public void setApproverId(String approverId) { this.approverId = approverId; }
    public String getApproverName() { return approverName; }
    public void setApproverName(String approverName) { this.approverName = approverName; }
    public String getVerdict() { return verdict; }
    public void setVerdict(String verdict) { this.verdict = verdict; }
    public String getComment() { return comment; }
    public void setComment(String comment) { this.comment = comment; }
    public long getDecidedAt() { return decidedAt; }
    public void setDecidedAt(long decidedAt) { this.decidedAt = decidedAt; }
    public String getMfaAcr() { return mfaAcr; }
    public void setMfaAcr(String mfaAcr) { this.mfaAcr = mfaAcr; }
    public Long getMfaAt() { return mfaAt; }
    public void setMfaAt(Long mfaAt) { this.mfaAt = mfaAt; }
    public String getSourceIp() { return sourceIp; }
    public void setSourceIp(String sourceIp) { this.sourceIp = sourceIp; }
    // spotless:on

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof ApprovalEntity other && id != null && id.equals(other.id));
    }

    @Override
    public int hashCode() {
        return id == null ? 0 : id.hashCode();
    }
}
