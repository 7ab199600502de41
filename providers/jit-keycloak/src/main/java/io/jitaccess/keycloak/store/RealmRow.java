package io.jitaccess.keycloak.store;

/** The id of a grant or a request and the realm it belongs to: what the timers read before they lock anything. */
public record RealmRow(String id, String realmId) {

    static RealmRow of(Object[] row) {
        return new RealmRow((String) row[0], (String) row[1]);
    }
}
