package io.jitaccess.core;

/**
 * The configuration keys of a policy, as stored in the realm (component config of the {@code jit-policy}
 * page) and in realm JSON. Keys not listed here are ignored when a policy is read.
 */
public final class PolicyKeys {

    public static final String NAME = "name";
    public static final String ROLE = "role";
    /** The group a policy grants membership of (a path); a policy names a role or a group, never both. */
    public static final String GROUP = "group";

    public static final String DESCRIPTION = "description";
    public static final String ELIGIBLE_USERS = "eligibleUsers";
    public static final String ELIGIBLE_GROUPS = "eligibleGroups";
    public static final String ELIGIBLE_ROLES = "eligibleRoles";
    public static final String ELIGIBLE_SERVICE_ACCOUNTS = "eligibleServiceAccounts";
    public static final String APPROVER_GROUPS = "approverGroups";
    public static final String APPROVER_ROLES = "approverRoles";
    public static final String REQUIRED_APPROVALS = "requiredApprovals";
    public static final String AUTO_APPROVE = "autoApprove";
    public static final String DEFAULT_DURATION = "defaultDuration";
    public static final String MAX_DURATION = "maxDuration";
    public static final String REQUESTER_MFA_MAX_AGE = "requesterMfaMaxAge";
    public static final String APPROVER_MFA_MAX_AGE = "approverMfaMaxAge";
    public static final String JUSTIFICATION_REQUIRED = "justificationRequired";
    public static final String JUSTIFICATION_PATTERN = "justificationPattern";
    public static final String JUSTIFICATION_HINT = "justificationHint";
    public static final String TICKET_REQUIRED = "ticketRequired";
    public static final String TICKET_PATTERN = "ticketPattern";
    public static final String TICKET_HINT = "ticketHint";
    public static final String ALLOWED_DAYS = "allowedDays";
    public static final String ALLOWED_FROM = "allowedFrom";
    public static final String ALLOWED_TO = "allowedTo";
    public static final String TIME_ZONE = "timeZone";
    public static final String ALLOWED_NETWORKS = "allowedNetworks";
    public static final String MAX_ACTIVE_GRANTS = "maxActiveGrants";
    public static final String MAX_PENDING_REQUESTS = "maxPendingRequests";
    public static final String PENDING_TTL = "pendingTtl";
    public static final String END_SESSIONS_ON_REVOKE = "endSessionsOnRevoke";

    /**
     * Written by the server on every save, never taken from a client: who saved the policy last ({@code admin},
     * {@code import} for a realm import, {@code upgrade} for a policy stored before the record existed), and for an
     * admin their realm, user id and username. A grant checks that this admin may still map the target role.
     */
    public static final String SAVED_BY = "jit.savedBy";

    public static final String SAVED_BY_REALM = "jit.savedBy.realmId";
    public static final String SAVED_BY_USER = "jit.savedBy.userId";
    public static final String SAVED_BY_NAME = "jit.savedBy.username";
    /** The client the admin saved with (its token decides their rights, as Keycloak's admin API decides them). */
    public static final String SAVED_BY_CLIENT = "jit.savedBy.clientId";
    /**
     * Written by the server on every save: the version of the server-written options ({@link #SCHEMA_VERSION}). A
     * policy without it was stored before pins and the saver record existed; whatever {@code jit.*} options it
     * holds were never the server's, and are replaced at start-up.
     */
    public static final String SCHEMA = "jit.schema";

    public static final String SCHEMA_VERSION = "2";

    private PolicyKeys() {}
}
