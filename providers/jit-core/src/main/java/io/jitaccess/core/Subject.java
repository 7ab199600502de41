package io.jitaccess.core;

import java.util.Optional;

/** A user or service account as the rules see it: who they are, their groups and roles. */
public interface Subject {

    String id();

    String username();

    /** The client id when this subject is a client's service account. */
    Optional<String> serviceAccountClientId();

    /** Member of the group at {@code path}, directly or through a subgroup. */
    boolean inGroup(String path);

    /** Holds the role, directly, through a group or through a composite. */
    boolean hasRole(RoleRef role);
}
