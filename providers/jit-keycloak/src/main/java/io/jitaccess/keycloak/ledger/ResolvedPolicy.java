package io.jitaccess.keycloak.ledger;

import io.jitaccess.core.Pin;
import io.jitaccess.core.Policy;
import io.jitaccess.core.Refusal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/**
 * A policy with its entries resolved in the realm by the ids they were pinned to: the target (role or group) exists,
 * so does every group and role it names, and whoever saved it may still give the target (map the role, manage the
 * group's members). Otherwise the policy denies
 * (fail closed), and only admins learn why.
 */
public record ResolvedPolicy(Policy policy, GrantTarget target, PolicySaver saver) {

    /**
     * @throws Refusal POLICY_UNRESOLVED, its message for admins' eyes only (callers answer others as if the
     *                 policy were not for them)
     */
    public static ResolvedPolicy resolve(KeycloakSession session, RealmModel realm, RealmPolicies.Entry entry) {
        List<String> problems = problems(session, realm, entry);
        if (!problems.isEmpty()) {
            throw new Refusal(
                    Refusal.Reason.POLICY_UNRESOLVED,
                    "Policy '" + entry.name() + "' grants nothing: " + String.join(" ", problems));
        }
        Policy policy = entry.policy().orElseThrow();
        return new ResolvedPolicy(
                policy,
                GrantTarget.of(session, realm, policy.target()),
                entry.saver().orElseThrow());
    }

    /**
     * Whether this policy may grant its target to {@code user} now: Keycloak would let its saver map that role to
     * that user, or add that user to that group (an import or the upgrade answers for itself).
     */
    public boolean grantsTo(KeycloakSession session, RealmModel realm, UserModel user) {
        return saver.mayGrant(session, realm, target, user);
    }

    /**
     * Why a stored policy grants nothing (options that cannot be read, entries that are gone, a saver who may no
     * longer map its role); empty when it is usable. This node's log says so once per change.
     */
    public static List<String> problems(KeycloakSession session, RealmModel realm, RealmPolicies.Entry entry) {
        List<String> problems = entry.problem()
                .map(invalid -> invalid.problems())
                .orElseGet(() -> resolutionProblems(session, realm, entry));
        PolicyHealth.of(session).report(entry.id(), entry.name(), problems);
        return problems;
    }

    private static List<String> resolutionProblems(
            KeycloakSession session, RealmModel realm, RealmPolicies.Entry entry) {
        Policy policy = entry.policy().orElseThrow();
        List<String> problems = new ArrayList<>();
        GrantTarget target = GrantTarget.of(session, realm, policy.target());
        if (target == null) {
            problems.add(
                    missing("target " + policy.target().noun(), policy.target().pin()));
        }
        List<Pin> groups = new ArrayList<>(policy.eligibility().groups());
        groups.addAll(policy.approval().groups());
        for (Pin group : groups) {
            if (group.id().map(id -> session.groups().getGroupById(realm, id)).isEmpty()) {
                problems.add(missing("group", group));
            }
        }
        List<Pin> roles = new ArrayList<>(policy.eligibility().roles());
        roles.addAll(policy.approval().roles());
        for (Pin role : roles) {
            if (role(realm, role) == null) {
                problems.add(missing("role", role));
            }
        }
        if (target != null) {
            Optional<PolicySaver> saver = entry.saver();
            if (saver.isEmpty()) {
                problems.add("Nobody is recorded as having saved it: save it again as an admin who may "
                        + mayGive(target) + ".");
            } else if (!saver.get().mayGive(session, realm, target)) {
                problems.add("It was saved by " + saver.get().describe() + ", who may no longer " + mayGive(target)
                        + ": save it again as an admin who may.");
            }
        }
        return problems;
    }

    /** What saving a policy takes, as admins read it. */
    public static String mayGive(GrantTarget target) {
        return target.kind() == io.jitaccess.core.Target.Kind.GROUP
                ? "manage the members of its target group"
                : "map its target role";
    }

    private static String missing(String what, Pin pin) {
        return pin.isVoid()
                ? "The " + what + " '" + pin.name()
                        + "' matched nothing in this realm when it was added: remove it, then add it again."
                : "The " + what + " '" + pin.name()
                        + "' no longer exists (it is never matched by name again): remove it, then add"
                        + " it again if you mean the new one.";
    }

    /**
     * Eligible users and service accounts that match nobody: void, or pinned to a user or client that is gone. They
     * leave the policy usable for everyone else; admins see them.
     */
    public static List<String> voidEntries(KeycloakSession session, RealmModel realm, Policy policy) {
        List<String> entries = new ArrayList<>();
        for (Pin user : policy.eligibility().users()) {
            if (user.id().map(id -> session.users().getUserById(realm, id)).isEmpty()) {
                entries.add(missing("eligible user", user));
            }
        }
        for (Pin client : policy.eligibility().serviceAccounts()) {
            if (client.id().map(realm::getClientById).isEmpty()) {
                entries.add(missing("eligible service account", client));
            }
        }
        return entries;
    }

    /** The role an entry was pinned to, or null when it is void or gone. */
    public static RoleModel role(RealmModel realm, Pin pin) {
        return pin.id().map(realm::getRoleById).orElse(null);
    }
}
