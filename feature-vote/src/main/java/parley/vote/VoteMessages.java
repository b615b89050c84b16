package parley.vote;

/** Names of the vote's messages and fields. */
final class VoteMessages {

    static final String ACTION = "VOTE";
    static final String VOTE = "VOTE";
    static final String VOTE_REQUEST = "VOTE_REQUEST";
    static final String VOTE_PROGRESS = "VOTE_PROGRESS";
    static final String SEQUENCE_RESULT = parley.api.Verbs.SEQUENCE_RESULT;
    static final String MISSING = "missing";

    private VoteMessages() {
    }
}
