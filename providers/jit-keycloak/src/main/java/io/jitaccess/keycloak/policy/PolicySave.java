package io.jitaccess.keycloak.policy;

import io.jitaccess.core.InvalidPolicy;
import io.jitaccess.core.Policy;
import io.jitaccess.core.PolicyKeys;
import io.jitaccess.core.PolicyNames;
import io.jitaccess.core.PolicyReader;
import io.jitaccess.core.Target;
import io.jitaccess.keycloak.ledger.GrantTarget;
import io.jitaccess.keycloak.ledger.GrantedTargets;
import io.jitaccess.keycloak.ledger.PolicyPins;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * One save of a policy. The options only the server writes (pins, who saved it) are made anew from what is
 * stored and who saves, whatever the client sent. An admin's save is refused, with every reason at once, when an
 * option is invalid, when a new entry names nothing in the realm, or when Keycloak would not let this admin map
 * the target role to a user.
 */
final class PolicySave {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Saving saving;

    PolicySave(KeycloakSession session, RealmModel realm, Saving saving) {
        this.session = session;
        this.realm = realm;
        this.saving = saving;
    }

    void check(ComponentModel model) {
        if (model.getConfig() == null) {
            model.setConfig(new MultivaluedHashMap<>());
        }
        MultivaluedHashMap<String, String> config = model.getConfig();
        List<String> problems = new ArrayList<>();
        if (saving.kind() != Saving.Kind.OURS) {
            config.keySet().removeIf(PolicyNames::isServerKey);
            List<String> unmatched = new PolicyPins(session, realm).pin(config, stored(model), false);
            if (saving.kind() == Saving.Kind.ADMIN && !unmatched.isEmpty()) {
                problems.add("These entries name nothing in this realm: " + String.join(", ", unmatched) + ".");
            }
            saving.record().writeTo(config);
            config.putSingle(PolicyKeys.SCHEMA, PolicyKeys.SCHEMA_VERSION);
        }
        Policy policy = null;
        try {
            policy = PolicyReader.read(model.getId(), model.getName(), config);
        } catch (InvalidPolicy invalid) {
            problems.addAll(0, invalid.problems());
        }
        GrantTarget target = policy == null ? null : GrantTarget.of(session, realm, policy.target());
        if (target != null && !saving.mayGive(session, realm, target)) {
            problems.add(
                    target.kind() == Target.Kind.GROUP
                            ? "You may not manage the members of the group " + target.label()
                                    + ", or not map every role it brings, so you may not save a policy that grants"
                                    + " its membership: ask an admin who may (manage-users, or the manage-membership"
                                    + " permission on that group and the map-role permission on its roles)."
                            : "You may not map the role " + target.label() + " to users, so you may not save a"
                                    + " policy that grants it: ask an admin who may (manage-users, or the map-role permission on that role).");
        }
        if (target != null && saving.kind() == Saving.Kind.ADMIN) {
            List<String> outOfReach = namedSubjects(policy)
                    .filter(user -> !saving.mayGiveTo(session, realm, target, user))
                    .map(UserModel::getUsername)
                    .toList();
            if (!outOfReach.isEmpty()) {
                problems.add("You may not "
                        + (target.kind() == Target.Kind.GROUP ? "manage the groups of " : "map roles to ")
                        + String.join(", ", outOfReach) + ", so you may not make them eligible.");
            }
        }
        if (!problems.isEmpty()) {
            throw new ComponentValidationException(PolicyPageFactory.messageFormatSafe(String.join(" ", problems)));
        }
        GrantedTargets.mark(target);
    }

    /** The users and service accounts the policy names one by one (groups and roles are checked at each grant). */
    private Stream<UserModel> namedSubjects(Policy policy) {
        Stream<UserModel> users = policy.eligibility().users().stream()
                .flatMap(pin -> pin.id().stream())
                .map(id -> session.users().getUserById(realm, id))
                .filter(Objects::nonNull);
        Stream<UserModel> accounts = policy.eligibility().serviceAccounts().stream()
                .flatMap(pin -> pin.id().stream())
                .map(realm::getClientById)
                .filter(Objects::nonNull)
                .map(client -> session.users().getServiceAccount(client))
                .filter(Objects::nonNull);
        return Stream.concat(users, accounts);
    }

    /** The options as stored before this save (none for a new policy). */
    private Map<String, List<String>> stored(ComponentModel model) {
        ComponentModel stored = model.getId() == null ? null : realm.getComponent(model.getId());
        return stored == null || stored.getConfig() == null ? Map.of() : stored.getConfig();
    }
}
