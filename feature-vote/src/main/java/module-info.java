/**
 * VOTE: the first sequence (Story 6). A member asks the room a question; the others answer; the
 * room sees the result and the asker gets COMPLETE. Compiles against the rooms API only, and finds
 * the rooms plugin's RoomDirectory in the kernel's services, never its module.
 */
module parley.vote {
    requires parley.rooms.api;

    provides parley.api.spi.ServerFeature with parley.vote.VoteFeature;
    provides parley.api.sequence.SequenceAction with parley.vote.VoteAction;
    provides parley.api.spi.ClientExtension with parley.vote.VoteClient;
    provides parley.api.spi.PluginInfo with parley.vote.VotePluginInfo;
}
