package io.jitaccess.core;

import java.util.Optional;

/** A user or service account as the rules see it: who they are, by id, and their groups and roles, by id. */
public interface Subject {

    String id();

    String username();

    /** The client id (the name people see) when this subject is a client's service account. */
    Optional<String> serviceAccountClientId();

    /** The client's internal id when this subject is a client's service account: what policies are pinned to. */
    Optional<String> serviceAccountOf();

    /** Member of the group with this id, directly or through a subgroup. */
    boolean inGroup(String groupId);

    /** Holds the role with this id, directly, through a group or through a composite. */
    boolean hasRole(String roleId);
}
