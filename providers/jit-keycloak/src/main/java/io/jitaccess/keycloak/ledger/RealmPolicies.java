package io.jitaccess.keycloak.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.jboss.logging.Logger;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.RealmModel;
import org.keycloak.services.ui.extend.UiPageProvider;

import io.jitaccess.core.InvalidPolicy;
import io.jitaccess.core.Policy;
import io.jitaccess.core.PolicyReader;
import io.jitaccess.keycloak.policy.PolicyPageFactory;

/** The policies of a realm: the components of the admin console's "JIT policies" page. */
public final class RealmPolicies {

    private static final Logger LOG = Logger.getLogger(RealmPolicies.class);

    private RealmPolicies() {
    }

    /** A stored policy: read, or unreadable with the reason. */
    public record Entry(String id, String name, Optional<Policy> policy, Optional<InvalidPolicy> problem) {
    }

    public static Stream<ComponentModel> components(RealmModel realm) {
        return realm.getComponentsStream(realm.getId(), UiPageProvider.class.getName())
                .filter(c -> PolicyPageFactory.PROVIDER_ID.equals(c.getProviderId()));
    }

    public static List<Entry> all(RealmModel realm) {
        List<Entry> entries = new ArrayList<>();
        components(realm).forEach(component -> entries.add(read(component)));
        return entries;
    }

    /** The usable policies; unreadable ones are left out (and logged), so they grant nothing. */
    public static List<Policy> usable(RealmModel realm) {
        return all(realm).stream().filter(e -> e.policy().isPresent()).map(e -> e.policy().get()).toList();
    }

    public static Optional<Entry> find(RealmModel realm, String id) {
        if (id == null) {
            return Optional.empty();
        }
        return components(realm).filter(c -> c.getId().equals(id) || id.equals(c.getName())).findFirst().map(RealmPolicies::read);
    }

    static Entry read(ComponentModel component) {
        try {
            Policy policy = PolicyReader.read(component.getId(), component.getName(), config(component));
            return new Entry(component.getId(), component.getName(), Optional.of(policy), Optional.empty());
        } catch (InvalidPolicy e) {
            LOG.warnf("JIT policy %s is unusable and grants nothing: %s", component.getName(), e.getMessage());
            return new Entry(component.getId(), component.getName(), Optional.empty(), Optional.of(e));
        }
    }

    static Map<String, List<String>> config(ComponentModel component) {
        return component.getConfig() == null ? Map.of() : component.getConfig();
    }
}
