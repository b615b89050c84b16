package parley.files.server;

/**
 * A rule refused a file operation: the spool is full, the disk is low, the file is unknown. The message
 * is the reason the user sees, naming the culprit and the fix. Callers turn it into ERROR (in a
 * sequence) or KO (in a one-step request).
 */
final class Refused extends Exception {

    private static final long serialVersionUID = 1L;

    Refused(String reason) {
        super(reason, null, false, false);
    }
}
