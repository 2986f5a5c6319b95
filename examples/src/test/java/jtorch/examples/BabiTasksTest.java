package jtorch.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The generator: seeded, in the original vocabulary, and every answer re-derived from the story's text alone. */
class BabiTasksTest {

    /** Reads the statements as text and answers the question again (a second implementation, from the words). */
    static String answerFromText(BabiTasks.Example e) {
        Map<String, String> actorAt = new HashMap<>(), holder = new HashMap<>(), objectAt = new HashMap<>();
        Map<String, List<String>> seen = new HashMap<>();
        for (String[] s : e.story()) {
            String actor = s[0], last = s[s.length - 1];
            boolean isMove = s[s.length - 3].equals("to"), isGet = !isMove && BabiTasks.GETS.stream()
                    .anyMatch(g -> String.join(" ", s).startsWith(actor + " " + g + " the "));
            if (isMove) {
                actorAt.put(actor, last);
                holder.forEach((o, a) -> { if (a.equals(actor)) objectAt.put(o, last); });
            } else if (isGet) {
                holder.put(last, actor);
                if (actorAt.containsKey(actor)) objectAt.put(last, actorAt.get(actor));
            } else holder.remove(last);
            for (String o : BabiTasks.OBJECTS) {
                List<String> h = seen.computeIfAbsent(o, k -> new ArrayList<>());
                String p = objectAt.get(o);
                if (p != null && (h.isEmpty() || !h.getLast().equals(p))) h.add(p);
            }
        }
        String[] q = e.question();
        if (q[1].equals("is") && q.length == 3) return actorAt.get(q[2]);
        if (q[1].equals("is")) return objectAt.get(q[3]);
        List<String> h = seen.get(q[3]);
        assertEquals(q[6], h.getLast(), "task 3 asks about the object's current place");
        return h.get(h.size() - 2);
    }

    @Test void everyAnswerFollowsFromTheStory() {
        for (int task = 1; task <= 3; task++) {
            List<BabiTasks.Example> ex = BabiTasks.generate(task, 1000, 7);
            assertEquals(1000, ex.size());
            int longest = 0;
            for (BabiTasks.Example e : ex) {
                assertEquals(answerFromText(e), e.answer(), "task " + task + ":\n" + BabiTasks.render(e));
                assertTrue(BabiTasks.PLACES.contains(e.answer()));
                longest = Math.max(longest, e.story().size());
            }
            if (task == 1) assertTrue(longest <= 10, "task 1 stories are 5 pairs of moves: " + longest);
            System.out.println("task " + task + ": longest story " + longest + " statements; example:\n"
                    + BabiTasks.render(ex.get(3)));
        }
    }

    @Test void sameSeedSameStoriesOtherSeedOthers() {
        for (int task = 1; task <= 3; task++) {
            assertEquals(BabiTasks.render(BabiTasks.generate(task, 50, 3).get(49)),
                    BabiTasks.render(BabiTasks.generate(task, 50, 3).get(49)));
            assertNotEquals(BabiTasks.render(BabiTasks.generate(task, 50, 3).get(49)),
                    BabiTasks.render(BabiTasks.generate(task, 50, 4).get(49)));
        }
    }

    @Test void theVocabularyIsTheOriginalWorlds() {
        List<String> v = BabiTasks.vocabulary();
        for (String w : List.of("mary", "john", "daniel", "sandra", "kitchen", "office", "football", "milk", "apple",
                "journeyed", "travelled", "grabbed", "discarded", "before")) assertTrue(v.contains(w), w);
        assertEquals(v.size() + 1, BabiData.vocabularySize());
        assertThrows(IllegalArgumentException.class, () -> BabiTasks.generate(4, 10, 1));
    }

    @Test void memoriesPutTheLatestStatementFirst() {
        BabiTasks.Example e = BabiTasks.generate(1, 5, 1).get(1);
        BabiData.Memories m = BabiData.memories(List.of(e), 50, null);
        String[] last = e.story().getLast();
        for (int j = 0; j < last.length; j++) assertEquals(BabiData.index(last[j]), (int) m.stories().get(0, 0, j));
        assertEquals(0, (int) m.stories().get(0, e.story().size(), 0), "slots past the story are nil");
        assertEquals(BabiData.index(e.answer()), (int) m.answers().get(0));
        int[] seq = BabiData.sequence(e, 50);
        assertEquals(BabiData.index(e.question()[e.question().length - 1]), seq[seq.length - 1]);
    }
}
