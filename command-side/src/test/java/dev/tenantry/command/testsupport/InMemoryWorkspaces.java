package dev.tenantry.command.testsupport;

import dev.tenantry.command.workspace.Workspaces;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The workspace lookup's contract without a database; one thread, so {@link #lock} only reports. */
public final class InMemoryWorkspaces implements Workspaces {

    private record Claim(String organizationId, String nameKey) {
    }

    private record Membership(String organizationId, String workspaceId, String userId) {
    }

    public final Map<String, Integer> limits = new HashMap<>();
    /** Name claims of active workspaces: (organization, name key) → workspace. */
    public final Map<Claim, String> names = new LinkedHashMap<>();
    private final Set<Membership> members = new LinkedHashSet<>();
    public final Set<String> setUp = new LinkedHashSet<>();

    /** The organization's plan allows this many active workspaces; {@code null}: unlimited. */
    public InMemoryWorkspaces limit(String organizationId, Integer limit) {
        limits.put(organizationId, limit);
        return this;
    }

    /** An active workspace that holds this name. */
    public InMemoryWorkspaces active(String organizationId, String nameKey, String workspaceId) {
        tryClaimName(organizationId, nameKey, workspaceId);
        return this;
    }

    public String holderOf(String organizationId, String nameKey) {
        return names.get(new Claim(organizationId, nameKey));
    }

    @Override
    public void open(String organizationId, Integer limit) {
        if (!limits.containsKey(organizationId)) {
            limits.put(organizationId, limit);
        }
    }

    @Override
    public void setLimit(String organizationId, Integer limit) {
        limits.put(organizationId, limit);
    }

    @Override
    public void markSetUp(String organizationId) {
        if (limits.containsKey(organizationId)) {
            setUp.add(organizationId);
        }
    }

    @Override
    public List<String> organizationsNotSetUp(String afterId, int max) {
        return limits.keySet().stream().filter(id -> !setUp.contains(id))
                .filter(id -> afterId == null || id.compareTo(afterId) > 0).sorted().limit(max).toList();
    }

    @Override
    public Usage lock(String organizationId) {
        int active = (int) names.keySet().stream().filter(claim -> claim.organizationId().equals(organizationId))
                .count();
        return new Usage(active, limits.get(organizationId));
    }

    @Override
    public boolean tryClaimName(String organizationId, String nameKey, String workspaceId) {
        Claim claim = new Claim(organizationId, nameKey);
        String holder = names.get(claim);
        if (holder != null) {
            return holder.equals(workspaceId);
        }
        releaseName(workspaceId);
        names.put(claim, workspaceId);
        return true;
    }

    @Override
    public void releaseName(String workspaceId) {
        names.values().removeIf(holder -> holder.equals(workspaceId));
    }

    @Override
    public List<String> activeWorkspaces(String organizationId) {
        return names.entrySet().stream().filter(e -> e.getKey().organizationId().equals(organizationId))
                .map(Map.Entry::getValue).toList();
    }

    @Override
    public void recordMember(String organizationId, String workspaceId, String userId) {
        members.add(new Membership(organizationId, workspaceId, userId));
    }

    @Override
    public void forgetMember(String workspaceId, String userId) {
        members.removeIf(m -> m.workspaceId().equals(workspaceId) && m.userId().equals(userId));
    }

    @Override
    public List<String> workspacesOf(String organizationId, String userId) {
        List<String> result = new ArrayList<>();
        for (Membership m : members) {
            if (m.organizationId().equals(organizationId) && Objects.equals(m.userId(), userId)) {
                result.add(m.workspaceId());
            }
        }
        return result;
    }
}
