package parley.moderation;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import parley.api.Names;
import parley.api.Session;

/**
 * What moderation decided, in memory for the checks on every LOGIN, JOIN_ROOM and MSG, and in the
 * {@link ModerationStore} so that it survives a restart. Thread-safe: reads take no lock; changes are
 * written to the database first, then to memory, one at a time under a lock, so a change the database
 * refused does not apply.
 */
final class Moderation {

    private final ModerationStore store;
    private final Clock clock;
    private final ReentrantLock changes = new ReentrantLock();
    /** room (or {@link Ban#SERVER}) → ban key → ban. */
    private final Map<String, Map<String, Ban>> bans = new ConcurrentHashMap<>();
    /** room → pseudo's normal form → mute. */
    private final Map<String, Map<String, Mute>> mutes = new ConcurrentHashMap<>();
    /** room → operator's normal form → pseudo as written. */
    private final Map<String, Map<String, String>> operators = new ConcurrentHashMap<>();
    private final Map<String, Topic> topics = new ConcurrentHashMap<>();
    private final Map<String, Access> access = new ConcurrentHashMap<>();

    Moderation(ModerationStore store, Clock clock) throws SQLException {
        this.store = store;
        this.clock = clock;
        ModerationStore.Snapshot kept = store.load();
        kept.bans().forEach(ban -> roomBans(ban.room()).put(banKey(ban.target()), ban));
        kept.mutes().forEach(mute -> roomMutes(mute.room()).put(mute.key(), mute));
        kept.operators().forEach((room, ops) -> operators.put(room, new ConcurrentHashMap<>(ops)));
        topics.putAll(kept.topics());
        access.putAll(kept.access());
    }

    Instant now() {
        return clock.instant();
    }

    // ---- bans

    /**
     * The ban that keeps {@code pseudo} (may be null) from {@code address} (may be null) out of
     * {@code room}: a server-wide ban first, then the room's; {@code room} null asks for server-wide
     * bans only (LOGIN). Ended bans do not count.
     */
    Optional<Ban> banFor(String pseudo, String address, String room) {
        Instant now = now();
        Optional<Ban> ban = find(bans.get(Ban.SERVER), pseudo, address, now);
        return ban.isPresent() || room == null ? ban : find(bans.get(room), pseudo, address, now);
    }

    private static Optional<Ban> find(Map<String, Ban> in, String pseudo, String address, Instant now) {
        if (in == null || in.isEmpty()) {
            return Optional.empty();
        }
        return in.values().stream().filter(b -> !b.term().over(now) && b.target().matches(pseudo, address)).findFirst();
    }

    void ban(Ban ban) throws SQLException {
        changes.lock();
        try {
            store.saveBan(ban);
            roomBans(ban.room()).put(banKey(ban.target()), ban);
        } finally {
            changes.unlock();
        }
    }

    /** Lifts a ban; false when there was none (or it had ended). */
    boolean unban(String room, Target target) throws SQLException {
        changes.lock();
        try {
            Map<String, Ban> in = bans.get(room);
            Ban ban = in == null ? null : in.get(banKey(target));
            if (ban == null) {
                return false;
            }
            store.deleteBan(room, target);
            in.remove(banKey(target));
            return !ban.term().over(now());
        } finally {
            changes.unlock();
        }
    }

    /** The bans in force: server-wide first, then by room. */
    List<Ban> bans() {
        Instant now = now();
        return bans.values().stream().flatMap(m -> m.values().stream()).filter(b -> !b.term().over(now))
                .sorted((a, b) -> Boolean.compare(b.serverWide(), a.serverWide())).toList();
    }

    // ---- mutes

    /** The mutes in force, by room. */
    List<Mute> mutes() {
        Instant now = now();
        return mutes.values().stream().flatMap(m -> m.values().stream()).filter(x -> !x.term().over(now))
                .sorted(java.util.Comparator.comparing(Mute::room)).toList();
    }

    /** The mute in force for {@code pseudo} in {@code room}, if any. */
    Optional<Mute> muted(String room, String pseudo) {
        Map<String, Mute> in = mutes.get(room);
        if (in == null || in.isEmpty() || pseudo == null) {
            return Optional.empty();
        }
        Mute mute = in.get(Names.key(pseudo));
        return mute == null || mute.term().over(now()) ? Optional.empty() : Optional.of(mute);
    }

    void mute(Mute mute) throws SQLException {
        changes.lock();
        try {
            store.saveMute(mute);
            roomMutes(mute.room()).put(mute.key(), mute);
        } finally {
            changes.unlock();
        }
    }

    /** Lifts a mute; false when there was none in force. */
    boolean unmute(String room, String pseudo) throws SQLException {
        String key = Names.key(pseudo);
        changes.lock();
        try {
            Map<String, Mute> in = mutes.get(room);
            Mute mute = in == null ? null : in.get(key);
            if (mute == null) {
                return false;
            }
            store.deleteMute(room, key);
            in.remove(key);
            return !mute.term().over(now());
        } finally {
            changes.unlock();
        }
    }

    // ---- room operators

    /**
     * True when {@code session} may moderate {@code room}: a server operator, or an authenticated
     * session whose pseudo was made an operator of the room (an unauthenticated one may have taken the
     * pseudo first come, so it gets no power).
     */
    boolean isRoomOperator(String room, Session session) {
        if (session.operator()) {
            return true;
        }
        Map<String, String> ops = operators.get(room);
        return session.authenticated() && ops != null && session.pseudo() != null
                && ops.containsKey(Names.key(session.pseudo()));
    }

    /** Makes {@code pseudo} an operator of {@code room}; false when it already was. */
    boolean op(String room, String pseudo) throws SQLException {
        String key = Names.key(pseudo);
        changes.lock();
        try {
            Map<String, String> ops = operators.computeIfAbsent(room, r -> new ConcurrentHashMap<>());
            if (ops.containsKey(key)) {
                return false;
            }
            store.saveOperator(room, key, pseudo);
            ops.put(key, pseudo);
            return true;
        } finally {
            changes.unlock();
        }
    }

    /** Takes back {@code pseudo}'s operator rights on {@code room}; false when it had none. */
    boolean deop(String room, String pseudo) throws SQLException {
        String key = Names.key(pseudo);
        changes.lock();
        try {
            Map<String, String> ops = operators.get(room);
            if (ops == null || !ops.containsKey(key)) {
                return false;
            }
            store.deleteOperator(room, key);
            ops.remove(key);
            return true;
        } finally {
            changes.unlock();
        }
    }

    /** The room's operators, as written when made. */
    List<String> operators(String room) {
        Map<String, String> ops = operators.get(room);
        return ops == null ? List.of() : List.copyOf(ops.values());
    }

    // ---- topics

    Optional<Topic> topic(String room) {
        return Optional.ofNullable(topics.get(room));
    }

    /** Sets the room's topic; {@code topic} null clears it. */
    void topic(String room, Topic topic) throws SQLException {
        changes.lock();
        try {
            store.saveTopic(room, topic);
            if (topic == null) {
                topics.remove(room);
            } else {
                topics.put(room, topic);
            }
        } finally {
            changes.unlock();
        }
    }

    // ---- access

    Access access(String room) {
        return access.getOrDefault(room, Access.OPEN);
    }

    /** Sets the room's mode; {@code members} (normal form → as written) replaces its list unless null. */
    Access restrict(String room, Access.Mode mode, Map<String, String> members) throws SQLException {
        changes.lock();
        try {
            Access next = new Access(mode, members != null ? members : access(room).allowed());
            store.saveAccess(room, next);
            access.put(room, next);
            return next;
        } finally {
            changes.unlock();
        }
    }

    /** Adds {@code pseudo} to the room's list; false when it was on it already. */
    boolean invite(String room, String pseudo) throws SQLException {
        String key = Names.key(pseudo);
        changes.lock();
        try {
            Access now = access(room);
            if (now.allowed().containsKey(key)) {
                return false;
            }
            Map<String, String> allowed = new LinkedHashMap<>(now.allowed());
            allowed.put(key, pseudo);
            Access next = new Access(now.mode(), allowed);
            store.saveAccess(room, next);
            access.put(room, next);
            return true;
        } finally {
            changes.unlock();
        }
    }

    /**
     * Why {@code session} may not join {@code room} (a ban, the access list), or {@code null} when it
     * may. Operators of the room pass the access list, not a ban.
     */
    String refusal(String room, Session session) {
        Optional<Ban> ban = banFor(session.pseudo(), Target.address(session), room);
        if (ban.isPresent()) {
            return ban.get().refusal(now());
        }
        Access rule = access(room);
        if (rule.mode() != Access.Mode.OPEN && !isRoomOperator(room, session)
                && !rule.allows(Names.key(session.pseudo()))) {
            return rule.refusal(room);
        }
        return null;
    }

    /**
     * Forgets the bans and mutes that ended, in memory and in the database.
     *
     * @return how many rows the database deleted
     */
    int cleanup() throws SQLException {
        Instant now = now();
        changes.lock();
        try {
            int gone = store.deleteExpired(now);
            bans.values().forEach(m -> m.values().removeIf(b -> b.term().over(now)));
            mutes.values().forEach(m -> m.values().removeIf(x -> x.term().over(now)));
            return gone;
        } finally {
            changes.unlock();
        }
    }

    private Map<String, Ban> roomBans(String room) {
        return bans.computeIfAbsent(room, r -> new ConcurrentHashMap<>());
    }

    private Map<String, Mute> roomMutes(String room) {
        return mutes.computeIfAbsent(room, r -> new ConcurrentHashMap<>());
    }

    private static String banKey(Target target) {
        return (target.ip() ? "ip " : "pseudo ") + target.key();
    }
}
