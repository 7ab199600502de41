package io.jitaccess.keycloak.ledger;

import io.jitaccess.core.InvalidPolicy;
import io.jitaccess.core.Policy;
import io.jitaccess.core.PolicyReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.RealmModel;
import org.keycloak.services.ui.extend.UiPageProvider;

/** The policies of a realm: the components of the admin console's "JIT policies" page. */
public final class RealmPolicies {

    /** The provider id of the policies' admin console page, and so of every stored policy component. */
    public static final String PROVIDER_ID = "jit-policy";

    private RealmPolicies() {}

    /** A stored policy: read, or unreadable with the reason; and who answers for it. */
    public record Entry(
            String id,
            String name,
            Optional<Policy> policy,
            Optional<InvalidPolicy> problem,
            Optional<PolicySaver> saver) {}

    public static Stream<ComponentModel> components(RealmModel realm) {
        return realm.getComponentsStream(realm.getId(), UiPageProvider.class.getName())
                .filter(c -> PROVIDER_ID.equals(c.getProviderId()));
    }

    public static List<Entry> all(RealmModel realm) {
        List<Entry> entries = new ArrayList<>();
        components(realm).forEach(component -> entries.add(read(component)));
        return entries;
    }

    public static Optional<Entry> find(RealmModel realm, String id) {
        if (id == null) {
            return Optional.empty();
        }
        return components(realm)
                .filter(c -> c.getId().equals(id) || id.equals(c.getName()))
                .findFirst()
                .map(RealmPolicies::read);
    }

    /** The policy stored under {@code id}, if it can be read; nothing says why not (the admin's view does). */
    public static Optional<Policy> readable(RealmModel realm, String id) {
        return find(realm, id).flatMap(Entry::policy);
    }

    public static Entry read(ComponentModel component) {
        Map<String, List<String>> config = config(component);
        Optional<PolicySaver> saver = PolicySaver.of(config);
        try {
            Policy policy = PolicyReader.read(component.getId(), component.getName(), config);
            return new Entry(component.getId(), component.getName(), Optional.of(policy), Optional.empty(), saver);
        } catch (InvalidPolicy e) {
            return new Entry(component.getId(), component.getName(), Optional.empty(), Optional.of(e), saver);
        }
    }

    static Map<String, List<String>> config(ComponentModel component) {
        return component.getConfig() == null ? Map.of() : component.getConfig();
    }
}
