package dev.gosetup.core.doctor;

import dev.gosetup.api.InvalidConfigurationException;
import dev.gosetup.api.spi.ReadinessCheck;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chooses which readiness checks a run has: brings in the prerequisites a selection lacks, puts
 * prerequisites before the checks that need them, and applies {@code --only} and {@code --skip}.
 * Stateless.
 */
public final class CheckSelection {
    private CheckSelection() {
    }

    /**
     * Adds the prerequisites the selected checks name but do not include, taking them from the
     * available checks (and theirs, transitively), and orders the result so that every check
     * comes after its prerequisites and otherwise keeps its place.
     *
     * @param selected the checks chosen, in report order
     * @param available every check that could be added, e.g. the registered ones
     * @return the completed list; a prerequisite found in neither list is left for the runner to report
     */
    public static List<ReadinessCheck> complete(List<? extends ReadinessCheck> selected,
            List<? extends ReadinessCheck> available) {
        Map<String, ReadinessCheck> byId = new LinkedHashMap<>();
        for (ReadinessCheck check : selected) {
            byId.putIfAbsent(check.id(), check);
        }
        Map<String, ReadinessCheck> extra = new LinkedHashMap<>();
        for (ReadinessCheck check : available) {
            extra.putIfAbsent(check.id(), check);
        }
        List<ReadinessCheck> ordered = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        Set<String> visiting = new LinkedHashSet<>();
        for (ReadinessCheck check : selected) {
            place(check, byId, extra, ordered, placed, visiting);
        }
        return List.copyOf(ordered);
    }

    private static void place(ReadinessCheck check, Map<String, ReadinessCheck> byId, Map<String, ReadinessCheck> extra,
            List<ReadinessCheck> ordered, Set<String> placed, Set<String> visiting) {
        if (placed.contains(check.id()) || !visiting.add(check.id())) {
            return; // placed already, or a cycle the runner will report
        }
        for (String prerequisite : check.prerequisites()) {
            ReadinessCheck p = byId.get(prerequisite);
            if (p == null && extra.containsKey(prerequisite)) {
                p = extra.get(prerequisite);
                byId.put(prerequisite, p);
            }
            if (p != null) {
                place(p, byId, extra, ordered, placed, visiting);
            }
        }
        visiting.remove(check.id());
        if (placed.add(check.id())) {
            ordered.add(check);
        }
    }

    /**
     * Applies {@code --only} and {@code --skip}: with {@code only}, the checks named there and
     * their prerequisites remain; checks named in {@code skip} remain in the list but report SKIP
     * without running (so their dependents are skipped with the reason too).
     *
     * @param checks the checks, in report order
     * @param only ids to keep; empty keeps all
     * @param skip ids not to run
     * @return the selection
     * @throws InvalidConfigurationException when an id in {@code only} or {@code skip} is not a check of the list
     */
    public static List<ReadinessCheck> select(List<? extends ReadinessCheck> checks, Collection<String> only,
            Collection<String> skip) {
        Map<String, ReadinessCheck> byId = new LinkedHashMap<>();
        checks.forEach(c -> byId.putIfAbsent(c.id(), c));
        requireKnown(only, byId.keySet(), "--only");
        requireKnown(skip, byId.keySet(), "--skip");
        Set<String> keep = new LinkedHashSet<>();
        if (only.isEmpty()) {
            keep.addAll(byId.keySet());
        } else {
            List<String> todo = new ArrayList<>(only);
            while (!todo.isEmpty()) {
                String id = todo.remove(todo.size() - 1);
                ReadinessCheck check = byId.get(id);
                if (check != null && keep.add(id)) {
                    todo.addAll(check.prerequisites());
                }
            }
        }
        List<ReadinessCheck> result = new ArrayList<>();
        for (ReadinessCheck check : checks) {
            if (keep.contains(check.id())) {
                result.add(skip.contains(check.id())
                        ? ConfiguredCheck.of(check).skipped("not selected (skipped on request)") : check);
            }
        }
        return List.copyOf(result);
    }

    private static void requireKnown(Collection<String> ids, Set<String> known, String option) {
        List<String> unknown = ids.stream().filter(id -> !known.contains(id)).toList();
        if (!unknown.isEmpty()) {
            throw new InvalidConfigurationException(option + " names " + (unknown.size() == 1
                    ? "a check that does not exist: " : "checks that do not exist: ") + String.join(", ", unknown),
                    List.of("use ids of the checks to run: " + String.join(", ", known)));
        }
    }
}
