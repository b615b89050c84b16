package parley.p2p.client;

/**
 * A question from the server: {@code peer} wants a link. Answer it with {@link P2pClient#accept}
 * or {@link P2pClient#refuse} before its deadline.
 *
 * @param link the link's id
 * @param peer who asks (or, for a link the server starts, the other side)
 * @param role {@code caller} or {@code callee}: the callee listens, the caller dials
 */
public record P2pAsk(String link, String peer, String role) {
}
