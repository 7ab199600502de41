package io.jitaccess.keycloak.store;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A query of the admin API's lists: optional equality and time-range conditions on fixed column paths, every
 * value bound as a parameter, newest first, one page.
 */
final class FilteredQuery {

    private final String from;
    private final String order;
    private final List<String> conditions = new ArrayList<>();
    private final Map<String, Object> parameters = new LinkedHashMap<>();

    /** @param from an entity and its alias ({@code "JitGrant g"}); @param order the time path to sort by, descending */
    FilteredQuery(String from, String order) {
        this.from = from;
        this.order = order;
    }

    /** {@code path = value}, unless the value is empty. */
    FilteredQuery eq(String path, String value) {
        if (value != null && !value.isBlank()) {
            String name = "p" + parameters.size();
            conditions.add(path + " = :" + name);
            parameters.put(name, value);
        }
        return this;
    }

    /** {@code from <= path < to} in epoch milliseconds; a null bound is left out. */
    FilteredQuery range(String path, Long fromMillis, Long toMillis) {
        if (fromMillis != null) {
            String name = "p" + parameters.size();
            conditions.add(path + " >= :" + name);
            parameters.put(name, fromMillis);
        }
        if (toMillis != null) {
            String name = "p" + parameters.size();
            conditions.add(path + " < :" + name);
            parameters.put(name, toMillis);
        }
        return this;
    }

    <T> TypedQuery<T> query(EntityManager em, Class<T> type, int first, int max) {
        String alias = from.substring(from.indexOf(' ') + 1);
        String jpql = "select " + alias + " from " + from
                + (conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions)) + " order by " + order
                + " desc";
        TypedQuery<T> query = em.createQuery(jpql, type);
        parameters.forEach(query::setParameter);
        return query.setFirstResult(first).setMaxResults(max);
    }
}
