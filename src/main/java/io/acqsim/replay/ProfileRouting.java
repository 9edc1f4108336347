package io.acqsim.replay;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.acqsim.iso.Profile;
import io.acqsim.replay.input.MessageReader;
import io.acqsim.replay.input.RecordedMessage;

/**
 * Which wire profile each recorded message travelled on, and whether this replay has a target for it.
 * acqsim's own log holds both profiles, each on connections of realm {@code channel-<profile>/ADDRESS};
 * messages of other logs and of captures, whose connections name no profile, are of the default profile
 * ({@code --profile}). A message of a profile without a target is left out and counted, not an error.
 */
public final class ProfileRouting implements MessageReader {
    private final MessageReader in;
    private final Profile defaultProfile;
    private final Set<Profile> targeted;
    private final Map<String, Long> leftOut = new TreeMap<>();

    public ProfileRouting(MessageReader in, Profile defaultProfile, Set<Profile> targeted) {
        this.in = in;
        this.defaultProfile = defaultProfile;
        this.targeted = Set.copyOf(targeted);
    }

    /** The profile of {@code m}: named by its connection's realm, else the default (may be null). */
    public Profile profileOf(RecordedMessage m) {
        String c = m.connection();
        if (c != null && c.startsWith("channel-")) {
            int slash = c.indexOf('/');
            String id = slash < 0 ? c.substring(8) : c.substring(8, slash);
            for (Profile p : Profile.values()) if (p.id().equals(id)) return p;
        }
        return defaultProfile;
    }

    @Override
    public RecordedMessage next() throws IOException {
        RecordedMessage m;
        while ((m = in.next()) != null) {
            Profile p = profileOf(m);
            if (p != null && targeted.contains(p)) return m;
            leftOut.merge(p == null ? "no profile" : p.id(), 1L, Long::sum);
        }
        return null;
    }

    /** Messages left out per profile id ("no profile": the connection names none and there is no --profile), for want of a target. */
    public Map<String, Long> leftOut() { return Map.copyOf(leftOut); }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
