package parley.api;

import java.util.function.Supplier;

import parley.api.sequence.SequenceAction;
import parley.api.sequence.Sequences;
import parley.api.spi.Command;

/**
 * What the kernel offers one plugin of a running server. Each plugin gets its own context, which
 * records what the plugin registers (commands, services, filters, listeners, routes, timers, session
 * states, sequences) so that unloading the plugin takes all of it back. Thread-safe.
 */
public interface ServerContext {

    Config config();

    Sessions sessions();

    /** Services plugins offer each other through an API they share (see {@code docs/PLUGINS.md}). */
    Services services();

    /** The sequence engine (Story 6): starts, tracks and ends sequences. */
    Sequences sequences();

    /** This plugin's timers; cancelled when it unloads. */
    Scheduler scheduler();

    /**
     * Wraps a message for a broadcast, so that it is encoded once per payload form however many
     * sessions receive it.
     */
    Outbound encodeOnce(Message message);

    /**
     * As {@link #encodeOnce(Message)}, for a message whose legacy line says something else than its JSON
     * (a file offer carries the file inline for text clients): {@code json} goes to JSON sessions,
     * {@code line} to line sessions.
     */
    Outbound encodeOnce(Message json, Message line);

    /**
     * Registers a command this plugin built itself, with its state given by construction (the rooms'
     * {@code MSG} gets the rooms). Call it from {@link parley.api.spi.ServerFeature#start}; the verb is
     * answered once the plugin has started. Commands found with ServiceLoader need no call.
     *
     * @throws IllegalStateException after the plugin has started
     */
    void register(Command command);

    /** As {@link #register(Command)}, for a sequence action. */
    void register(SequenceAction action);

    /** Adds a filter that sees every request before its handler. */
    Registration addFilter(RequestFilter filter);

    /** Adds an authenticator that LOGIN consults. */
    Registration addAuthenticator(Authenticator authenticator);

    /** Adds a listener told of each login, which may fill in the answer. */
    Registration onLogin(LoginListener listener);

    /**
     * Adds a listener told how dropped sessions' resume windows end: resumed by a new session, or
     * ended. See {@link ResumeListener} for the lifecycle and {@link Session#resumable()}.
     */
    Registration onResume(ResumeListener listener);

    /**
     * A value of this plugin's for each session, made on first use by {@code initial} and dropped when
     * the session closes or the plugin unloads.
     */
    <T> SessionState<T> sessionState(Supplier<T> initial);

    /**
     * Routes the binary frames that {@code session} sends with this tag to {@code sink}, until
     * {@link #unrouteBinary} or the session closes. A binary frame with no route gets ERROR.
     *
     * @throws IllegalStateException if the session already has a route for this tag
     */
    void routeBinary(Session session, String tag, BinarySink sink);

    void unrouteBinary(Session session, String tag);

    /**
     * Adds figures of this plugin's to {@code STATS} and to metrics; removed when the plugin unloads
     * or the registration is cancelled. See {@link FigureSource} for who calls it and when.
     */
    Registration addFigures(FigureSource source);

    /**
     * Every figure now: the kernel's (connections by protocol, logged-in sessions, messages in and
     * out, heap, RSS, uptime) then each plugin's. What {@code STATS} answers; a metrics plugin reads it
     * on each scrape. Runs the plugins' {@link FigureSource}s on the caller's thread.
     */
    java.util.List<Figure> figures();
}
