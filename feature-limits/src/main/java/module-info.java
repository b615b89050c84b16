/**
 * Flood limits: every session gets a request budget (a token bucket: a burst, then a steady rate),
 * enforced by a request filter that runs before the login check. Over it a request gets KO saying when
 * to retry; a session that keeps pushing past it is disconnected with ERROR. Depends on the kernel only.
 */
module parley.limits {
    requires parley.api;

    provides parley.api.spi.ServerFeature with parley.limits.LimitsFeature;
    provides parley.api.spi.PluginInfo with parley.limits.LimitsPluginInfo;
}
