package io.gmerecording.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Whose streams a task records: every user of the room, only some, or all but some. One list at a time, at most
 * {@value #MAX_USERS} user ids, none empty and none twice: the rules are checked here, before anything is sent, and a
 * broken one is an {@link IllegalArgumentException} naming it.
 */
public final class Subscription {

    /** The most user ids one list may hold. */
    public static final int MAX_USERS = 20;

    /** Which users the list names. */
    public enum Kind {
        /** Every stream of the room (no list). */
        EVERYONE,
        /** Only the users listed ({@code SubscribeUserIds}). */
        ONLY,
        /** Every user but those listed ({@code UnSubscribeUserIds}). */
        ALL_BUT
    }

    private static final Subscription EVERYONE = new Subscription(Kind.EVERYONE, Collections.emptyList());

    private final Kind kind;
    private final List<String> userIds;

    private Subscription(Kind kind, List<String> userIds) {
        this.kind = kind;
        this.userIds = userIds;
    }

    /** Every stream of the room. */
    public static Subscription everyone() {
        return EVERYONE;
    }

    /**
     * Only these users.
     *
     * @throws IllegalArgumentException naming the rule: no user, more than {@value #MAX_USERS}, an empty or repeated id
     */
    public static Subscription only(Collection<String> userIds) {
        return new Subscription(Kind.ONLY, checked(userIds, "only"));
    }

    /**
     * Every user but these.
     *
     * @throws IllegalArgumentException naming the rule: no user, more than {@value #MAX_USERS}, an empty or repeated id
     */
    public static Subscription allBut(Collection<String> userIds) {
        return new Subscription(Kind.ALL_BUT, checked(userIds, "allBut"));
    }

    /**
     * The subscription the two wire lists describe (null or empty for a list not given).
     *
     * @throws IllegalArgumentException when both lists hold ids (one list at a time), or a list breaks a rule
     */
    public static Subscription of(Collection<String> subscribeUserIds, Collection<String> unsubscribeUserIds) {
        boolean only = subscribeUserIds != null && !subscribeUserIds.isEmpty();
        boolean allBut = unsubscribeUserIds != null && !unsubscribeUserIds.isEmpty();
        if (only && allBut) {
            throw new IllegalArgumentException("a subscription is one list at a time: SubscribeUserIds (only these) "
                    + "or UnSubscribeUserIds (all but these), got both");
        }
        return only ? only(subscribeUserIds) : allBut ? allBut(unsubscribeUserIds) : everyone();
    }

    private static List<String> checked(Collection<String> userIds, String list) {
        Checks.notNull(userIds, list);
        if (userIds.isEmpty()) {
            throw new IllegalArgumentException(list + " needs at least one user id (for every user: everyone())");
        }
        if (userIds.size() > MAX_USERS) {
            throw new IllegalArgumentException(list + " takes at most " + MAX_USERS + " user ids, got "
                    + userIds.size());
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String id : userIds) {
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException(list + " has an empty user id: " + userIds);
            }
            if (!seen.add(id)) {
                throw new IllegalArgumentException(list + " names user " + Checks.quoted(id) + " twice");
            }
        }
        return Collections.unmodifiableList(new ArrayList<>(seen));
    }

    public Kind kind() {
        return kind;
    }

    /** The listed user ids, in the order given; empty for {@link Kind#EVERYONE}. */
    public List<String> userIds() {
        return userIds;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Subscription)) {
            return false;
        }
        Subscription that = (Subscription) other;
        return kind == that.kind && userIds.equals(that.userIds);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + userIds.hashCode();
    }

    @Override
    public String toString() {
        return kind == Kind.EVERYONE ? "Subscription[everyone]" : "Subscription[" + kind + " " + userIds + "]";
    }
}
