package io.jitaccess.keycloak.policy;

import static io.jitaccess.core.PolicyKeys.*;

import java.util.List;

import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** Every option of a policy as the admin console shows it: label, help text and default. */
public final class PolicyConfigProperties {

    public static final String ROLE = io.jitaccess.core.PolicyKeys.ROLE;
    public static final String MAX_DURATION = io.jitaccess.core.PolicyKeys.MAX_DURATION;
    public static final String NAME = io.jitaccess.core.PolicyKeys.NAME;
    public static final String AUTO_APPROVE = io.jitaccess.core.PolicyKeys.AUTO_APPROVE;

    public static final List<ProviderConfigProperty> ALL = ProviderConfigurationBuilder.create()
            .property().name(NAME).label("Name").type(ProviderConfigProperty.STRING_TYPE).required(true)
            .helpText("Identifies the policy: requesters and approvers see it, and the API accepts it in place of the id. Unique in the realm.").add()
            .property().name(ROLE).label("Target role").type(ProviderConfigProperty.ROLE_TYPE).required(true)
            .helpText("The privileged role this policy grants for a limited time (realm role or client role).").add()
            .property().name(DESCRIPTION).label("Description").type(ProviderConfigProperty.STRING_TYPE)
            .helpText("What the role allows, shown to people who ask for it.").add()
            .property().name(ELIGIBLE_USERS).label("Eligible users").type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE)
            .helpText("Usernames that may ask for the role.").add()
            .property().name(ELIGIBLE_GROUPS).label("Eligible groups").type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE)
            .helpText("Group paths (such as /contractors) whose members, including members of subgroups, may ask for the role.").add()
            .property().name(ELIGIBLE_ROLES).label("Eligible roles").type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE)
            .helpText("Holders of these roles (role or clientId.role) may ask for the target role.").add()
            .property().name(ELIGIBLE_SERVICE_ACCOUNTS).label("Eligible service accounts").type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE)
            .helpText("Client ids whose service account may ask for the role through the REST API.").add()
            .property().name(APPROVER_GROUPS).label("Approver groups").type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE)
            .helpText("Group paths whose members may approve or deny requests. A requester never approves their own request.").add()
            .property().name(APPROVER_ROLES).label("Approver roles").type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE)
            .helpText("Holders of these roles (role or clientId.role) may approve or deny requests.").add()
            .property().name(REQUIRED_APPROVALS).label("Required approvals").type(ProviderConfigProperty.INTEGER_TYPE).defaultValue("1")
            .helpText("How many distinct approvers must approve (M of N). One denial ends the request.").add()
            .property().name(AUTO_APPROVE).label("Approve automatically").type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false")
            .helpText("Grant at once when every other rule holds, without an approver.").add()
            .property().name(DEFAULT_DURATION).label("Default duration").type(ProviderConfigProperty.STRING_TYPE).defaultValue("PT1H")
            .helpText("Duration offered by default, ISO-8601 (PT30M, PT2H).").add()
            .property().name(MAX_DURATION).label("Maximum duration").type(ProviderConfigProperty.STRING_TYPE).defaultValue("PT1H")
            .helpText("Longest grant a request may ask for, ISO-8601 (PT4H). The clock starts at approval.").add()
            .property().name(REQUESTER_MFA_MAX_AGE).label("Requester MFA freshness (seconds)").type(ProviderConfigProperty.INTEGER_TYPE).defaultValue("0")
            .helpText("Longest time since the requester's second factor. 0: a second factor in the current login.").add()
            .property().name(APPROVER_MFA_MAX_AGE).label("Approver MFA freshness (seconds)").type(ProviderConfigProperty.INTEGER_TYPE).defaultValue("300")
            .helpText("Longest time since the approver's second factor (default 300). 0: any age within the current login, which lets an approver decide hours after their second factor; not recommended.").add()
            .property().name(JUSTIFICATION_REQUIRED).label("Justification required").type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true")
            .helpText("Whether a request must say why the role is needed.").add()
            .property().name(JUSTIFICATION_PATTERN).label("Justification pattern").type(ProviderConfigProperty.STRING_TYPE)
            .helpText("Regular expression the whole justification must match; empty for any text.").add()
            .property().name(JUSTIFICATION_HINT).label("Justification hint").type(ProviderConfigProperty.STRING_TYPE)
            .helpText("Shown under the justification field.").add()
            .property().name(TICKET_REQUIRED).label("Ticket required").type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false")
            .helpText("Whether a request must name a change or incident ticket.").add()
            .property().name(TICKET_PATTERN).label("Ticket pattern").type(ProviderConfigProperty.STRING_TYPE)
            .helpText("Regular expression the whole ticket must match, such as [A-Z]+-[0-9]+; empty for any.").add()
            .property().name(TICKET_HINT).label("Ticket hint").type(ProviderConfigProperty.STRING_TYPE)
            .helpText("Shown under the ticket field.").add()
            .property().name(ALLOWED_DAYS).label("Allowed days").type(ProviderConfigProperty.MULTIVALUED_LIST_TYPE)
            .options("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")
            .helpText("Days on which requests are accepted; none selected means every day.").add()
            .property().name(ALLOWED_FROM).label("Allowed from").type(ProviderConfigProperty.STRING_TYPE)
            .helpText("Start of the daily window (HH:mm); empty for no limit. A window may run past midnight.").add()
            .property().name(ALLOWED_TO).label("Allowed until").type(ProviderConfigProperty.STRING_TYPE)
            .helpText("End of the daily window (HH:mm, exclusive).").add()
            .property().name(TIME_ZONE).label("Time zone").type(ProviderConfigProperty.STRING_TYPE).defaultValue("UTC")
            .helpText("Zone of the allowed days and hours, such as Europe/Paris.").add()
            .property().name(ALLOWED_NETWORKS).label("Allowed networks").type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE)
            .helpText("CIDR ranges (IPv4 or IPv6) requests must come from; none means any network.").add()
            .property().name(MAX_ACTIVE_GRANTS).label("Maximum active grants per user").type(ProviderConfigProperty.INTEGER_TYPE).defaultValue("1")
            .helpText("How many grants of this policy one user may hold at once.").add()
            .property().name(MAX_PENDING_REQUESTS).label("Maximum pending requests per user").type(ProviderConfigProperty.INTEGER_TYPE).defaultValue("3")
            .helpText("How many undecided requests of this policy one user may have at once.").add()
            .property().name(PENDING_TTL).label("Pending request lifetime").type(ProviderConfigProperty.STRING_TYPE).defaultValue("PT24H")
            .helpText("An undecided request expires after this time, ISO-8601.").add()
            .property().name(END_SESSIONS_ON_REVOKE).label("End sessions on early revocation").type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true")
            .helpText("When a grant is revoked early, log the user out everywhere so no token keeps the role.").add()
            .build();

    private PolicyConfigProperties() {
    }
}
