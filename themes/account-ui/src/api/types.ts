/** The JSON shapes of the JIT API at /realms/{realm}/jit (docs/api.md). */

/** OIDC parameters of a login that gives the caller a fresh enough second factor. */
export type StepUpParameters = {
  acr_values: string;
  max_age?: number;
};

export type Policy = {
  id: string;
  name: string;
  /** The target role; absent when the target is a group. */
  role?: string;
  client?: string;
  /** The target group's path; absent when the target is a role. */
  group?: string;
  description?: string;
  defaultDuration: string;
  maxDuration: string;
  justificationRequired: boolean;
  justificationHint?: string;
  ticketRequired: boolean;
  ticketHint?: string;
  autoApprove: boolean;
  requiredApprovals: number;
  allowedHours?: string;
  stepUp?: StepUpParameters;
};

export type RequestStatus = "PENDING" | "APPROVED" | "DENIED" | "CANCELLED" | "EXPIRED";

export type Approval = {
  approver: { id: string; username: string };
  verdict: "APPROVE" | "DENY";
  comment?: string;
  decidedAt: string;
  mfaAcr?: string;
};

export type AccessRequest = {
  id: string;
  status: RequestStatus;
  policy: { id: string; name: string };
  requester: { id: string; username: string; serviceAccountOf?: string };
  /** The target role; absent when the target is a group. */
  role?: string;
  client?: string;
  /** The target group's path; absent when the target is a role. */
  group?: string;
  duration: string;
  justification?: string | null;
  ticket?: string | null;
  sourceIp?: string | null;
  userAgent?: string | null;
  mfa: { acr?: string | null; level?: number | null; at?: string | null };
  createdAt: string;
  expiresAt: string;
  decidedAt?: string | null;
  requiredApprovals: number;
  approvals: Approval[];
  grantId?: string;
  stepUp?: StepUpParameters;
};

export type GrantStatus = "ACTIVE" | "EXPIRED" | "REVOKED";

export type Grant = {
  id: string;
  status: GrantStatus;
  requestId: string;
  policyId: string;
  user: { id: string; username: string };
  /** The target role; absent when the target is a group. */
  role?: string;
  client?: string;
  /** The target group's path; absent when the target is a role. */
  group?: string;
  startsAt: string;
  endsAt: string;
  standing: boolean;
  endedAt?: string | null;
  endedBy?: string | null;
  endReason?: string | null;
  endSessionsOnRevoke?: boolean;
};

export type RequestDraft = {
  policy: string;
  duration?: string;
  justification?: string;
  ticket?: string;
};

export type Verdict = "approve" | "deny";
