package io.jitaccess.keycloak.store;

/** A target (role or group) some active grant gives, its realm, and its kind as stored (null: a role). */
public record GrantedTarget(String id, String realmId, String kind) {}
